import { ConfigError, integer, type Env } from './config';

export type SubscriptionConfig = Readonly<{
  /** The CloudEvents `source` of every event: a URI naming this network. */
  networkId: string;
  /** Prefix of every CloudEvents `type`, e.g. `org.example.ledger.LoanShipped`. */
  eventTypePrefix: string;
  sseHeartbeatSeconds: number;
  /** Bytes a live-feed client may leave unread before it is cut off (with a `retry:` hint). */
  sseBufferBytes: number;
  /** Live feeds one API key may hold open at once on an instance; one more is refused (429). */
  liveFeedsPerKey: number;
  webhookAllowPrivate: boolean;
  webhookAllowHttp: boolean;
  webhookTimeoutMs: number;
  webhookRetryBaseMs: number;
  webhookRetryMaxMs: number;
  /** Failed attempts in a row after which a webhook is disabled. */
  webhookMaxFailures: number;
}>;

const flag = (env: Env, name: string): boolean => {
  const raw = env[name];
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
};

const uri = (env: Env, name: string, fallback: string): string => {
  const raw = env[name] || fallback;
  if (!URL.canParse(raw)) throw new ConfigError(name, `must be an absolute URI such as urn:library-network:example, got "${raw}"`);
  return raw;
};

const typePrefix = (env: Env): string => {
  const raw = env.LEDGER_EVENT_TYPE_PREFIX ?? 'org.resourcesharing.ledger.';
  if (!/^([a-z0-9-]+\.)*$/.test(raw)) throw new ConfigError('LEDGER_EVENT_TYPE_PREFIX', `must be reverse-DNS labels each followed by a dot, got "${raw}"`);
  return raw;
};

export const loadSubscriptionConfig = (env: Env): SubscriptionConfig => ({
  networkId: uri(env, 'LEDGER_NETWORK_ID', 'urn:resource-sharing-ledger:network'),
  eventTypePrefix: typePrefix(env),
  sseHeartbeatSeconds: integer(env, 'LEDGER_SSE_HEARTBEAT_SECONDS', 15, 1, 3600),
  sseBufferBytes: integer(env, 'LEDGER_SSE_BUFFER_BYTES', 1_048_576, 1024, 256 * 1_048_576),
  // An open feed costs some 250 KB of the instance's memory (1,100 of one key held 272 MB): one key is not to take it all.
  liveFeedsPerKey: integer(env, 'LEDGER_LIVE_FEEDS_PER_KEY', 16, 1, 100_000),
  webhookAllowPrivate: flag(env, 'LEDGER_WEBHOOK_ALLOW_PRIVATE'),
  webhookAllowHttp: flag(env, 'LEDGER_WEBHOOK_ALLOW_HTTP'),
  webhookTimeoutMs: integer(env, 'LEDGER_WEBHOOK_TIMEOUT_MS', 10_000, 1, 300_000),
  webhookRetryBaseMs: integer(env, 'LEDGER_WEBHOOK_RETRY_BASE_MS', 5_000, 1, 3_600_000),
  webhookRetryMaxMs: integer(env, 'LEDGER_WEBHOOK_RETRY_MAX_MS', 3_600_000, 1, 86_400_000),
  webhookMaxFailures: integer(env, 'LEDGER_WEBHOOK_MAX_FAILURES', 15, 1, 1000),
});
