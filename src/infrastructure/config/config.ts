import { isIP } from 'node:net';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadSubscriptionConfig, type SubscriptionConfig } from './subscription.config';

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
  /** Where the read models live: the embedded file, or PostgreSQL (DATABASE_URL, the same schema as the event store). */
  readStore: 'sqlite' | 'postgres';
  /** On PostgreSQL: how often a follower tries to take a singleton job, and a leader checks its election connection. */
  leaderCheckMs: number;
  /** The first coordinator key; when absent one is generated into the data directory. */
  adminKey: string | null;
  sqliteSynchronous: 'FULL' | 'NORMAL';
  bodyLimitBytes: number;
  /** Requests one API key may make per minute. */
  rateLimitPerMinute: number;
  /** On PostgreSQL: how often each instance shares its rate limit counts with the others. */
  rateSyncMs: number;
  /** Failed authentications one client address may make per minute before it is refused with 429. */
  authFailuresPerMinute: number;
  /** The proxies (addresses or CIDR ranges) whose X-Forwarded-For names the client: its address counts failed authentications. */
  trustedProxies: readonly string[];
  /** How long a key found valid is trusted without looking it up again (a revocation on this instance is immediate). */
  apiKeyCacheSeconds: number;
  /** How long a client has to send the whole request, headers and body; then 408. */
  requestTimeoutSeconds: number;
  /** How long a client has to send the request headers; then 408. */
  headersTimeoutSeconds: number;
  /** How long an Idempotency-Key answer is kept. */
  idempotencyRetentionHours: number;
  /** Seconds between scheduler runs in the service (overdue loans, expired claims); 0 turns it off. */
  schedulerIntervalSeconds: number;
  /** A seal every this many events… */
  sealEveryEvents: number;
  /** …and every this many seconds when anything was recorded (0: only by count and at shutdown). */
  sealIntervalSeconds: number;
  /** From LEDGER_SEAL_KEY; null: the key generated into the data directory. */
  sealKey: KeyObject | null;
  /** Read models that go on past an event they cannot fold instead of stopping at it; '*' for all. */
  projectionsSkipBadEvents: readonly string[] | '*';
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  /** JSON lines for a collector, or coloured lines for a terminal. */
  logFormat: 'json' | 'pretty';
  /** A second port serving only /metrics, without a key, for a scraper inside the network; null for none. */
  metricsPort: number | null;
  /** CloudEvents, the live feed and webhooks. */
  subscriptions: SubscriptionConfig;
  /** /health/ready fails when a projection or subscriber channel is further behind than this; null: no bound. */
  readyMaxLagEvents: number | null;
  readyMaxLagSeconds: number | null;
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

export type Env = Readonly<Record<string, string | undefined>>;

export const integer = (env: Env, name: string, fallback: number, min: number, max: number): number => {
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

const timeouts = (env: Env) => {
  const requestTimeoutSeconds = integer(env, 'LEDGER_REQUEST_TIMEOUT_SECONDS', 30, 1, 3600);
  const headersTimeoutSeconds = integer(env, 'LEDGER_HEADERS_TIMEOUT_SECONDS', 10, 1, 3600);
  // Node refuses a headers timeout longer than the request it is part of.
  if (headersTimeoutSeconds > requestTimeoutSeconds) {
    throw new ConfigError('LEDGER_HEADERS_TIMEOUT_SECONDS', `must not exceed LEDGER_REQUEST_TIMEOUT_SECONDS (${requestTimeoutSeconds})`);
  }
  return { requestTimeoutSeconds, headersTimeoutSeconds };
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

/** An Ed25519 private key in PEM (PKCS#8), or refused naming `where` it came from. */
export const readSealKey = (pem: string, where: string): KeyObject => {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new ConfigError('LEDGER_SEAL_KEY', `${where} is not a PEM private key: ${(error as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new ConfigError('LEDGER_SEAL_KEY', `${where} must be an Ed25519 key, not ${key.asymmetricKeyType}`);
  return key;
};

/** LEDGER_SEAL_KEY holds the PEM key itself, or the path of a file that does. */
const sealKeyOf = (setting: string): KeyObject => {
  if (setting.trimStart().startsWith('-----BEGIN')) return readSealKey(setting, 'the value');
  if (!existsSync(setting)) throw new ConfigError('LEDGER_SEAL_KEY', `is neither a PEM key nor the path of a file (${setting})`);
  return readSealKey(readFileSync(setting, 'utf8'), setting);
};

const names = (env: Env, name: string): readonly string[] | '*' => {
  const raw = (env[name] ?? '').trim();
  if (raw === '*') return '*';
  const list = raw.split(',').map((item) => item.trim()).filter((item) => item !== '');
  const bad = list.find((item) => !/^[a-z][a-z0-9_]*$/i.test(item));
  if (bad !== undefined) throw new ConfigError(name, `must be * or a comma-separated list of read model names, got "${bad}"`);
  return list;
};

/** A comma-separated list of IP addresses or CIDR ranges (10.0.0.0/8, fd00::/8). */
const proxies = (env: Env, name: string): readonly string[] => {
  const list = (env[name] ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '');
  const bad = list.find((item) => {
    const [address, prefix, ...rest] = item.split('/');
    const family = isIP(address);
    return family === 0 || rest.length > 0 || (prefix !== undefined && !(/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128)));
  });
  if (bad !== undefined) throw new ConfigError(name, `must be a comma-separated list of IP addresses or CIDR ranges (10.0.0.5, 10.0.0.0/8), got "${bad}"`);
  return list;
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
  // The read models follow a PostgreSQL event store unless told otherwise.
  const readStore = oneOf(env, 'READ_STORE', ['sqlite', 'postgres'], eventStore === 'postgres' ? 'postgres' : 'sqlite');
  if (readStore === 'postgres' && databaseUrl === undefined) {
    throw new ConfigError('DATABASE_URL', 'is required with READ_STORE=postgres, e.g. postgres://ledger@localhost:5432/ledger');
  }
  const esdb = env.ESDB_CONNECTION_STRING || undefined;
  if (eventStore === 'eventstoredb' && esdb === undefined) {
    throw new ConfigError('ESDB_CONNECTION_STRING', 'is required with EVENT_STORE=eventstoredb, e.g. esdb://localhost:2113?tls=false');
  }
  if (esdb !== undefined && !/^esdb(\+discover)?:\/\/\S+$/.test(esdb)) {
    throw new ConfigError('ESDB_CONNECTION_STRING', `must start with esdb:// or esdb+discover://, got "${esdb}"`);
  }
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const metricsPort = env.LEDGER_METRICS_PORT ? integer(env, 'LEDGER_METRICS_PORT', 0, 0, 65535) : null;
  // Both servers listen on the same host: one port cannot serve the two (0 picks a free one for each).
  if (metricsPort !== null && metricsPort !== 0 && metricsPort === port) throw new ConfigError('LEDGER_METRICS_PORT', `must differ from PORT (${port})`);
  return {
    port,
    host: env.HOST || '0.0.0.0',
    dataDir: resolve(dataDir ?? './data'),
    eventStore,
    databaseUrl: databaseUrl ?? null,
    pgSchema: pgSchema(env),
    esdbConnectionString: esdb ?? null,
    esdbStreamPrefix: streamPrefix(env),
    readStore,
    leaderCheckMs: integer(env, 'LEDGER_LEADER_CHECK_MS', 1000, 100, 60_000),
    adminKey: adminKey ? adminKey : null,
    sqliteSynchronous: oneOf(env, 'LEDGER_SQLITE_SYNCHRONOUS', ['FULL', 'NORMAL'], 'FULL'),
    bodyLimitBytes: integer(env, 'LEDGER_BODY_LIMIT_BYTES', 1_048_576, 1024, 64 * 1_048_576),
    rateLimitPerMinute: integer(env, 'LEDGER_RATE_LIMIT_PER_MINUTE', 1200, 1, 1_000_000),
    rateSyncMs: integer(env, 'LEDGER_RATE_SYNC_MS', 250, 50, 10_000),
    authFailuresPerMinute: integer(env, 'LEDGER_AUTH_FAILURES_PER_MINUTE', 30, 1, 1_000_000),
    trustedProxies: proxies(env, 'LEDGER_TRUST_PROXY'),
    apiKeyCacheSeconds: integer(env, 'LEDGER_API_KEY_CACHE_SECONDS', 5, 0, 300),
    ...timeouts(env),
    idempotencyRetentionHours: integer(env, 'LEDGER_IDEMPOTENCY_RETENTION_HOURS', 168, 1, 87_600),
    schedulerIntervalSeconds: integer(env, 'LEDGER_SCHEDULER_INTERVAL_SECONDS', 300, 0, 86_400),
    sealEveryEvents: integer(env, 'LEDGER_SEAL_EVERY_EVENTS', 1_000, 1, 1_000_000),
    sealIntervalSeconds: integer(env, 'LEDGER_SEAL_INTERVAL_SECONDS', 3600, 0, 31_536_000),
    sealKey: env.LEDGER_SEAL_KEY ? sealKeyOf(env.LEDGER_SEAL_KEY) : null,
    projectionsSkipBadEvents: names(env, 'LEDGER_PROJECTIONS_SKIP_BAD_EVENTS'),
    logLevel: oneOf(env, 'LOG_LEVEL', ['error', 'warn', 'log', 'debug', 'verbose'], 'log'),
    logFormat: oneOf(env, 'LOG_FORMAT', ['json', 'pretty'], 'json'),
    metricsPort,
    subscriptions: loadSubscriptionConfig(env),
    readyMaxLagEvents: integer(env, 'LEDGER_READY_MAX_LAG_EVENTS', 10_000, 0, Number.MAX_SAFE_INTEGER) || null,
    readyMaxLagSeconds: integer(env, 'LEDGER_READY_MAX_LAG_SECONDS', 300, 0, 31_536_000) || null,
  };
};
