import { Module } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import type { Pool } from 'pg';
import { AuditService } from '../../../application/audit/audit.service';
import { AUDIT_LOG, storeAuditLog, type AuditLog } from '../../../application/audit/log-reader';
import { SEAL_KEYS, type SealKeys } from '../../../application/audit/seal-signature';
import { Sealer } from '../../../application/audit/sealer';
import { SEAL_SCHEDULE, SealerLifecycle } from '../../../application/audit/sealer.lifecycle';
import { CLOCK, type Clock } from '../../../application/ports/clock.port';
import { EVENT_STORE, type EventStore } from '../../../application/ports/event-store.port';
import { IDS, type IdSource } from '../../../application/ports/ids.port';
import { sharedSealKeys } from '../../audit/pg-seal-keys';
import { loadSealKeys } from '../../audit/seal-keys.file';
import { sqliteAuditLog } from '../../audit/sqlite-audit-log';
import type { AppConfig } from '../../config/config';
import { embedded } from '../../event-store/sqlite/sqlite-database';
import type { Feature } from '../../feature';
import { APP_CONFIG, PG_POOL, SQLITE_DATABASE } from '../../tokens';
import { AuditController } from './audit.controller';

@Module({
  controllers: [AuditController],
  providers: [
    {
      // Beside a PostgreSQL log every instance publishes the keys of all (pg-seal-keys).
      provide: SEAL_KEYS,
      useFactory: (config: AppConfig, pool: Pool | null) => {
        const local = loadSealKeys(config);
        return config.eventStore === 'postgres' && pool !== null ? sharedSealKeys(pool, config.pgSchema, local) : local;
      },
      inject: [APP_CONFIG, PG_POOL],
    },
    {
      // The embedded file is read as stored; another store through its port.
      provide: AUDIT_LOG,
      useFactory: (config: AppConfig, db: Database | null, store: EventStore) => (config.eventStore === 'sqlite' ? sqliteAuditLog(embedded(db)) : storeAuditLog(store)),
      inject: [APP_CONFIG, SQLITE_DATABASE, EVENT_STORE],
    },
    {
      provide: Sealer,
      useFactory: (store: EventStore, log: AuditLog, clock: Clock, ids: IdSource, keys: SealKeys, config: AppConfig) =>
        new Sealer({ store, log, clock, ids, keys }, config.sealEveryEvents),
      inject: [EVENT_STORE, AUDIT_LOG, CLOCK, IDS, SEAL_KEYS, APP_CONFIG],
    },
    { provide: SEAL_SCHEDULE, useFactory: (config: AppConfig) => ({ everyEvents: config.sealEveryEvents, intervalSeconds: config.sealIntervalSeconds }), inject: [APP_CONFIG] },
    SealerLifecycle,
    AuditService,
  ],
})
export class AuditModule {}

/** Seals, verification, export, proofs and signed heads. LedgerSealed feeds no read model. */
export const auditFeature: Feature = { module: AuditModule, projections: [] };
