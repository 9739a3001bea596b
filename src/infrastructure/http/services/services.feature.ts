import { Module } from '@nestjs/common';
import { SERVICE_HANDLERS } from '../../../application/services/service.handlers';
import { servicesProjection } from '../../../application/services/services.projection';
import type { Feature } from '../../feature';
import { ServicesController } from './services.controller';

@Module({ controllers: [ServicesController], providers: [...SERVICE_HANDLERS] })
export class ServicesModule {}

export const servicesFeature: Feature = { module: ServicesModule, projections: [servicesProjection] };
