import { Module } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { fairnessFactsProjection, fairnessHoldingsProjection } from '../../../application/fairness/fairness-facts.projection';
import { FAIRNESS_READS } from '../../../application/fairness/fairness-reads.port';
import { FAIRNESS_HANDLERS } from '../../../application/fairness/fairness.handlers';
import type { Feature } from '../../feature';
import { SqliteFairnessReads } from '../../read-store/sqlite-fairness';
import { SQLITE_DATABASE } from '../../tokens';
import { FairnessController } from './fairness.controller';

@Module({
  controllers: [FairnessController],
  providers: [
    ...FAIRNESS_HANDLERS,
    { provide: FAIRNESS_READS, useFactory: (db: Database) => new SqliteFairnessReads(db), inject: [SQLITE_DATABASE] },
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
