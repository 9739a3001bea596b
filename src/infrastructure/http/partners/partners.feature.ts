import { Module } from '@nestjs/common';
import { PARTNER_HANDLERS } from '../../../application/partners/partner.handlers';
import { partnersProjection } from '../../../application/partners/partners.projection';
import type { Feature } from '../../feature';
import { PartnersController } from './partners.controller';

@Module({ controllers: [PartnersController], providers: [...PARTNER_HANDLERS] })
export class PartnersModule {}

export const partnersFeature: Feature = { module: PartnersModule, projections: [partnersProjection] };
