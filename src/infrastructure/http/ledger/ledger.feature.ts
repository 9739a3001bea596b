import { Module } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { BALANCE_HANDLERS } from '../../../application/ledger/balance.handlers';
import { postingsProjection } from '../../../application/ledger/postings.projection';
import { BALANCES } from '../../../application/ports/balances.port';
import type { Feature } from '../../feature';
import type { Pool } from 'pg';
import type { AppConfig } from '../../config/config';
import { createBalances } from '../../read-store/read-store.factory';
import { APP_CONFIG, PG_POOL, SQLITE_DATABASE } from '../../tokens';
import { BalancesController } from './balances.controller';

@Module({
  controllers: [BalancesController],
  providers: [
    {
      provide: BALANCES,
      useFactory: (config: AppConfig, db: Database | null, pool: Pool | null) => createBalances(config, db, pool),
      inject: [APP_CONFIG, SQLITE_DATABASE, PG_POOL],
    },
    ...BALANCE_HANDLERS,
  ],
  exports: [BALANCES],
})
export class LedgerFeatureModule {}

/**
 * The double-entry ledger: the postings read model and the balances over it.
 * Feature.projections is typed for document read models only; the runner
 * takes any Projection and tells rows from documents by `kind`, hence the cast.
 */
export const ledgerFeature: Feature = { module: LedgerFeatureModule, projections: [postingsProjection] };
