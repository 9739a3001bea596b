import type { Pool } from 'pg';
import type { AppConfig } from './config/config';

/**
 * Several instances run only on a PostgreSQL log (the embedded file is held by
 * one process): then what they share besides the log (keys, idempotency
 * answers, rate limit counts, webhooks) is kept in PostgreSQL too.
 */
export const sharedBy = (config: AppConfig, pool: Pool | null): boolean => config.eventStore === 'postgres' && pool !== null;
