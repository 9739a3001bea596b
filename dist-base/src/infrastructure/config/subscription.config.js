"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadSubscriptionConfig = void 0;
const config_1 = require("./config");
const flag = (env, name) => {
    const raw = env[name];
    if (raw === undefined || raw === '' || raw === 'false')
        return false;
    if (raw === 'true')
        return true;
    throw new config_1.ConfigError(name, `must be true or false, got "${raw}"`);
};
const uri = (env, name, fallback) => {
    const raw = env[name] || fallback;
    if (!URL.canParse(raw))
        throw new config_1.ConfigError(name, `must be an absolute URI such as urn:library-network:example, got "${raw}"`);
    return raw;
};
const typePrefix = (env) => {
    const raw = env.LEDGER_EVENT_TYPE_PREFIX ?? 'org.resourcesharing.ledger.';
    if (!/^([a-z0-9-]+\.)*$/.test(raw))
        throw new config_1.ConfigError('LEDGER_EVENT_TYPE_PREFIX', `must be reverse-DNS labels each followed by a dot, got "${raw}"`);
    return raw;
};
const loadSubscriptionConfig = (env) => ({
    networkId: uri(env, 'LEDGER_NETWORK_ID', 'urn:resource-sharing-ledger:network'),
    eventTypePrefix: typePrefix(env),
    sseHeartbeatSeconds: (0, config_1.integer)(env, 'LEDGER_SSE_HEARTBEAT_SECONDS', 15, 1, 3600),
    sseBufferBytes: (0, config_1.integer)(env, 'LEDGER_SSE_BUFFER_BYTES', 1_048_576, 1024, 256 * 1_048_576),
    webhookAllowPrivate: flag(env, 'LEDGER_WEBHOOK_ALLOW_PRIVATE'),
    webhookAllowHttp: flag(env, 'LEDGER_WEBHOOK_ALLOW_HTTP'),
    webhookTimeoutMs: (0, config_1.integer)(env, 'LEDGER_WEBHOOK_TIMEOUT_MS', 10_000, 1, 300_000),
    webhookRetryBaseMs: (0, config_1.integer)(env, 'LEDGER_WEBHOOK_RETRY_BASE_MS', 5_000, 1, 3_600_000),
    webhookRetryMaxMs: (0, config_1.integer)(env, 'LEDGER_WEBHOOK_RETRY_MAX_MS', 3_600_000, 1, 86_400_000),
    webhookMaxFailures: (0, config_1.integer)(env, 'LEDGER_WEBHOOK_MAX_FAILURES', 15, 1, 1000),
});
exports.loadSubscriptionConfig = loadSubscriptionConfig;
//# sourceMappingURL=subscription.config.js.map