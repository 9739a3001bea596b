import { Module } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { BALANCE_HANDLERS } from '../../../application/ledger/balance.handlers';
import { postingsProjection } from '../../../application/ledger/postings.projection';
import { BALANCES } from '../../../application/ports/balances.port';
import type { Feature } from '../../feature';
import { SqliteBalances } from '../../read-store/sqlite-balances';
import { SQLITE_DATABASE } from '../../tokens';
import { BalancesController } from './balances.controller';

@Module({
  controllers: [BalancesController],
  providers: [
    { provide: BALANCES, useFactory: (db: Database) => new SqliteBalances(db), inject: [SQLITE_DATABASE] },
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
