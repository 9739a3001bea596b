import { resolve } from 'node:path';

export type AppConfig = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  eventStore: 'sqlite' | 'postgres' | 'eventstoredb';
  /** PostgreSQL's connection string, when eventStore is postgres. */
  databaseUrl: string | null;
  /** The PostgreSQL schema that holds the ledger's tables. */
  pgSchema: string;
  /** EventStoreDB's connection string (`esdb://…` or `esdb+discover://…`), when eventStore is eventstoredb. */
  esdbConnectionString: string | null;
  /** Put before every stream name in EventStoreDB, so several ledgers can share one cluster. */
  esdbStreamPrefix: string;
  readStore: 'sqlite';
  /** The first coordinator key; when absent one is generated into the data directory. */
  adminKey: string | null;
  sqliteSynchronous: 'FULL' | 'NORMAL';
  bodyLimitBytes: number;
  /** Requests one API key may make per minute. */
  rateLimitPerMinute: number;
  /** How long an Idempotency-Key answer is kept. */
  idempotencyRetentionHours: number;
  /** Seconds between scheduler runs in the service (overdue loans, expired claims); 0 turns it off. */
  schedulerIntervalSeconds: number;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
}>;

/** A setting that is wrong or missing: start-up stops with a message that names it. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const integer = (env: Env, name: string, fallback: number, min: number, max: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
};

const oneOf = <T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T, later: readonly string[] = []): T => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  if (later.includes(raw)) throw new ConfigError(name, `"${raw}" is not available in this version; use ${allowed.join(' or ')}`);
  throw new ConfigError(name, `must be one of ${[...allowed, ...later].join(', ')}, got "${raw}"`);
};

const pgSchema = (env: Env): string => {
  const raw = env.LEDGER_PG_SCHEMA || 'ledger';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(raw)) throw new ConfigError('LEDGER_PG_SCHEMA', `must be a lower-case SQL identifier, got "${raw}"`);
  return raw;
};

const streamPrefix = (env: Env): string => {
  const raw = env.ESDB_STREAM_PREFIX ?? '';
  if (!/^([A-Za-z0-9][A-Za-z0-9._-]{0,63})?$/.test(raw)) {
    throw new ConfigError('ESDB_STREAM_PREFIX', `must be up to 64 letters, digits, dots, dashes or underscores, not starting with $, got "${raw}"`);
  }
  return raw;
};

export const loadConfig = (env: Env = process.env): AppConfig => {
  const adminKey = env.LEDGER_ADMIN_KEY;
  if (adminKey !== undefined && adminKey !== '' && adminKey.length < 24) {
    throw new ConfigError('LEDGER_ADMIN_KEY', 'must be at least 24 characters long');
  }
  const dataDir = env.LEDGER_DATA_DIR;
  if (dataDir !== undefined && dataDir.trim() === '') throw new ConfigError('LEDGER_DATA_DIR', 'must not be blank');
  const eventStore = oneOf(env, 'EVENT_STORE', ['sqlite', 'postgres', 'eventstoredb'], 'sqlite');
  const databaseUrl = env.DATABASE_URL || undefined;
  if (eventStore === 'postgres' && databaseUrl === undefined) {
    throw new ConfigError('DATABASE_URL', 'is required with EVENT_STORE=postgres, e.g. postgres://ledger@localhost:5432/ledger');
  }
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\/\S+$/.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'must start with postgres:// or postgresql://');
  }
  const esdb = env.ESDB_CONNECTION_STRING || undefined;
  if (eventStore === 'eventstoredb' && esdb === undefined) {
    throw new ConfigError('ESDB_CONNECTION_STRING', 'is required with EVENT_STORE=eventstoredb, e.g. esdb://localhost:2113?tls=false');
  }
  if (esdb !== undefined && !/^esdb(\+discover)?:\/\/\S+$/.test(esdb)) {
    throw new ConfigError('ESDB_CONNECTION_STRING', `must start with esdb:// or esdb+discover://, got "${esdb}"`);
  }
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    dataDir: resolve(dataDir ?? './data'),
    eventStore,
    databaseUrl: databaseUrl ?? null,
    pgSchema: pgSchema(env),
    esdbConnectionString: esdb ?? null,
    esdbStreamPrefix: streamPrefix(env),
    readStore: oneOf(env, 'READ_STORE', ['sqlite'], 'sqlite', ['postgres']),
    adminKey: adminKey ? adminKey : null,
    sqliteSynchronous: oneOf(env, 'LEDGER_SQLITE_SYNCHRONOUS', ['FULL', 'NORMAL'], 'FULL'),
    bodyLimitBytes: integer(env, 'LEDGER_BODY_LIMIT_BYTES', 1_048_576, 1024, 64 * 1_048_576),
    rateLimitPerMinute: integer(env, 'LEDGER_RATE_LIMIT_PER_MINUTE', 1200, 1, 1_000_000),
    idempotencyRetentionHours: integer(env, 'LEDGER_IDEMPOTENCY_RETENTION_HOURS', 168, 1, 87_600),
    schedulerIntervalSeconds: integer(env, 'LEDGER_SCHEDULER_INTERVAL_SECONDS', 300, 0, 86_400),
    logLevel: oneOf(env, 'LOG_LEVEL', ['error', 'warn', 'log', 'debug', 'verbose'], 'log'),
  };
};
