import { Module } from '@nestjs/common';
import { AGREEMENT_HANDLERS } from '../../../application/agreements/agreement.handlers';
import { agreementsProjection } from '../../../application/agreements/agreements.projection';
import type { Feature } from '../../feature';
import { AgreementsController } from './agreements.controller';

@Module({ controllers: [AgreementsController], providers: [...AGREEMENT_HANDLERS] })
export class AgreementsModule {}

export const agreementsFeature: Feature = { module: AgreementsModule, projections: [agreementsProjection] };
