import { Module } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { fairnessFactsProjection, fairnessHoldingsProjection } from '../../../application/fairness/fairness-facts.projection';
import { FAIRNESS_READS } from '../../../application/fairness/fairness-reads.port';
import { FAIRNESS_HANDLERS } from '../../../application/fairness/fairness.handlers';
import type { Feature } from '../../feature';
import type { Pool } from 'pg';
import type { AppConfig } from '../../config/config';
import { createFairnessReads } from '../../read-store/read-store.factory';
import { APP_CONFIG, PG_POOL, SQLITE_DATABASE } from '../../tokens';
import { FairnessController } from './fairness.controller';

@Module({
  controllers: [FairnessController],
  providers: [
    ...FAIRNESS_HANDLERS,
    {
      provide: FAIRNESS_READS,
      useFactory: (config: AppConfig, db: Database | null, pool: Pool | null) => createFairnessReads(config, db, pool),
      inject: [APP_CONFIG, SQLITE_DATABASE, PG_POOL],
    },
  ],
  exports: [FAIRNESS_READS],
})
export class FairnessModule {}

/**
 * The fairness report and the lender suggestion, with the fact rows they count.
 * Feature still types its read models as documents; the runner and the read
 * store take row projections too (isRowProjection), hence the cast.
 */
export const fairnessFeature: Feature = {
  module: FairnessModule,
  projections: [fairnessFactsProjection, fairnessHoldingsProjection],
};
