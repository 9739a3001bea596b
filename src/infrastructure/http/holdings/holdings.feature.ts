import { Module } from '@nestjs/common';
import { catalogProjection } from '../../../application/holdings/catalog.projection';
import { HOLDINGS_HANDLERS } from '../../../application/holdings/holdings.handlers';
import type { Feature } from '../../feature';
import { HoldingsController } from './holdings.controller';

@Module({ controllers: [HoldingsController], providers: [...HOLDINGS_HANDLERS] })
export class HoldingsModule {}

/** Holdings and the union catalogue they feed (read by claims through CooperationFacts.holders). */
export const holdingsFeature: Feature = { module: HoldingsModule, projections: [catalogProjection] };
