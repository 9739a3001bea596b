"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadConfig = exports.readSealKey = exports.integer = exports.ConfigError = void 0;
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const subscription_config_1 = require("./subscription.config");
/** A setting that is wrong or missing: start-up stops with a message that names it. */
class ConfigError extends Error {
    variable;
    constructor(variable, message) {
        super(`${variable}: ${message}`);
        this.variable = variable;
        this.name = 'ConfigError';
    }
}
exports.ConfigError = ConfigError;
const integer = (env, name, fallback, min, max) => {
    const raw = env[name];
    if (raw === undefined || raw === '')
        return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
        throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
    }
    return value;
};
exports.integer = integer;
const oneOf = (env, name, allowed, fallback, later = []) => {
    const raw = env[name];
    if (raw === undefined || raw === '')
        return fallback;
    if (allowed.includes(raw))
        return raw;
    if (later.includes(raw))
        throw new ConfigError(name, `"${raw}" is not available in this version; use ${allowed.join(' or ')}`);
    throw new ConfigError(name, `must be one of ${[...allowed, ...later].join(', ')}, got "${raw}"`);
};
const timeouts = (env) => {
    const requestTimeoutSeconds = (0, exports.integer)(env, 'LEDGER_REQUEST_TIMEOUT_SECONDS', 30, 1, 3600);
    const headersTimeoutSeconds = (0, exports.integer)(env, 'LEDGER_HEADERS_TIMEOUT_SECONDS', 10, 1, 3600);
    // Node refuses a headers timeout longer than the request it is part of.
    if (headersTimeoutSeconds > requestTimeoutSeconds) {
        throw new ConfigError('LEDGER_HEADERS_TIMEOUT_SECONDS', `must not exceed LEDGER_REQUEST_TIMEOUT_SECONDS (${requestTimeoutSeconds})`);
    }
    return { requestTimeoutSeconds, headersTimeoutSeconds };
};
const pgSchema = (env) => {
    const raw = env.LEDGER_PG_SCHEMA || 'ledger';
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(raw))
        throw new ConfigError('LEDGER_PG_SCHEMA', `must be a lower-case SQL identifier, got "${raw}"`);
    return raw;
};
const streamPrefix = (env) => {
    const raw = env.ESDB_STREAM_PREFIX ?? '';
    if (!/^([A-Za-z0-9][A-Za-z0-9._-]{0,63})?$/.test(raw)) {
        throw new ConfigError('ESDB_STREAM_PREFIX', `must be up to 64 letters, digits, dots, dashes or underscores, not starting with $, got "${raw}"`);
    }
    return raw;
};
/** An Ed25519 private key in PEM (PKCS#8), or refused naming `where` it came from. */
const readSealKey = (pem, where) => {
    let key;
    try {
        key = (0, node_crypto_1.createPrivateKey)(pem);
    }
    catch (error) {
        throw new ConfigError('LEDGER_SEAL_KEY', `${where} is not a PEM private key: ${error.message}`);
    }
    if (key.asymmetricKeyType !== 'ed25519')
        throw new ConfigError('LEDGER_SEAL_KEY', `${where} must be an Ed25519 key, not ${key.asymmetricKeyType}`);
    return key;
};
exports.readSealKey = readSealKey;
/** LEDGER_SEAL_KEY holds the PEM key itself, or the path of a file that does. */
const sealKeyOf = (setting) => {
    if (setting.trimStart().startsWith('-----BEGIN'))
        return (0, exports.readSealKey)(setting, 'the value');
    if (!(0, node_fs_1.existsSync)(setting))
        throw new ConfigError('LEDGER_SEAL_KEY', `is neither a PEM key nor the path of a file (${setting})`);
    return (0, exports.readSealKey)((0, node_fs_1.readFileSync)(setting, 'utf8'), setting);
};
const names = (env, name) => {
    const raw = (env[name] ?? '').trim();
    if (raw === '*')
        return '*';
    const list = raw.split(',').map((item) => item.trim()).filter((item) => item !== '');
    const bad = list.find((item) => !/^[a-z][a-z0-9_]*$/i.test(item));
    if (bad !== undefined)
        throw new ConfigError(name, `must be * or a comma-separated list of read model names, got "${bad}"`);
    return list;
};
const loadConfig = (env = process.env) => {
    const adminKey = env.LEDGER_ADMIN_KEY;
    if (adminKey !== undefined && adminKey !== '' && adminKey.length < 24) {
        throw new ConfigError('LEDGER_ADMIN_KEY', 'must be at least 24 characters long');
    }
    const dataDir = env.LEDGER_DATA_DIR;
    if (dataDir !== undefined && dataDir.trim() === '')
        throw new ConfigError('LEDGER_DATA_DIR', 'must not be blank');
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
    return {
        port: (0, exports.integer)(env, 'PORT', 3000, 0, 65535),
        host: env.HOST || '0.0.0.0',
        dataDir: (0, node_path_1.resolve)(dataDir ?? './data'),
        eventStore,
        databaseUrl: databaseUrl ?? null,
        pgSchema: pgSchema(env),
        esdbConnectionString: esdb ?? null,
        esdbStreamPrefix: streamPrefix(env),
        readStore,
        leaderCheckMs: (0, exports.integer)(env, 'LEDGER_LEADER_CHECK_MS', 1000, 100, 60_000),
        adminKey: adminKey ? adminKey : null,
        sqliteSynchronous: oneOf(env, 'LEDGER_SQLITE_SYNCHRONOUS', ['FULL', 'NORMAL'], 'FULL'),
        bodyLimitBytes: (0, exports.integer)(env, 'LEDGER_BODY_LIMIT_BYTES', 1_048_576, 1024, 64 * 1_048_576),
        rateLimitPerMinute: (0, exports.integer)(env, 'LEDGER_RATE_LIMIT_PER_MINUTE', 1200, 1, 1_000_000),
        rateSyncMs: (0, exports.integer)(env, 'LEDGER_RATE_SYNC_MS', 250, 50, 10_000),
        authFailuresPerMinute: (0, exports.integer)(env, 'LEDGER_AUTH_FAILURES_PER_MINUTE', 30, 1, 1_000_000),
        apiKeyCacheSeconds: (0, exports.integer)(env, 'LEDGER_API_KEY_CACHE_SECONDS', 5, 0, 300),
        ...timeouts(env),
        idempotencyRetentionHours: (0, exports.integer)(env, 'LEDGER_IDEMPOTENCY_RETENTION_HOURS', 168, 1, 87_600),
        schedulerIntervalSeconds: (0, exports.integer)(env, 'LEDGER_SCHEDULER_INTERVAL_SECONDS', 300, 0, 86_400),
        sealEveryEvents: (0, exports.integer)(env, 'LEDGER_SEAL_EVERY_EVENTS', 1_000, 1, 1_000_000),
        sealIntervalSeconds: (0, exports.integer)(env, 'LEDGER_SEAL_INTERVAL_SECONDS', 3600, 0, 31_536_000),
        sealKey: env.LEDGER_SEAL_KEY ? sealKeyOf(env.LEDGER_SEAL_KEY) : null,
        projectionsSkipBadEvents: names(env, 'LEDGER_PROJECTIONS_SKIP_BAD_EVENTS'),
        logLevel: oneOf(env, 'LOG_LEVEL', ['error', 'warn', 'log', 'debug', 'verbose'], 'log'),
        logFormat: oneOf(env, 'LOG_FORMAT', ['json', 'pretty'], 'json'),
        metricsPort: env.LEDGER_METRICS_PORT ? (0, exports.integer)(env, 'LEDGER_METRICS_PORT', 0, 0, 65535) : null,
        subscriptions: (0, subscription_config_1.loadSubscriptionConfig)(env),
        readyMaxLagEvents: (0, exports.integer)(env, 'LEDGER_READY_MAX_LAG_EVENTS', 10_000, 0, Number.MAX_SAFE_INTEGER) || null,
        readyMaxLagSeconds: (0, exports.integer)(env, 'LEDGER_READY_MAX_LAG_SECONDS', 300, 0, 31_536_000) || null,
    };
};
exports.loadConfig = loadConfig;
//# sourceMappingURL=config.js.map