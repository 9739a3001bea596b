import { ConfigError, loadConfig } from '../../../src/infrastructure/config/config';

describe('limits and timeouts in the configuration', () => {
  it('has defaults', () =>
    expect(loadConfig({})).toMatchObject({ requestTimeoutSeconds: 30, headersTimeoutSeconds: 10, authFailuresPerMinute: 30, trustedProxies: [] }));

  it('takes the trusted proxies as addresses or CIDR ranges', () =>
    expect(loadConfig({ LEDGER_TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,fd00::/8' }).trustedProxies).toEqual(['10.0.0.5', '10.1.0.0/16', 'fd00::/8']));

  it('reads each from its variable', () =>
    expect(
      loadConfig({ LEDGER_REQUEST_TIMEOUT_SECONDS: '60', LEDGER_HEADERS_TIMEOUT_SECONDS: '60', LEDGER_AUTH_FAILURES_PER_MINUTE: '5' }),
    ).toMatchObject({ requestTimeoutSeconds: 60, headersTimeoutSeconds: 60, authFailuresPerMinute: 5 }));

  it.each([
    [{ LEDGER_REQUEST_TIMEOUT_SECONDS: '0' }, 'LEDGER_REQUEST_TIMEOUT_SECONDS'],
    [{ LEDGER_HEADERS_TIMEOUT_SECONDS: 'soon' }, 'LEDGER_HEADERS_TIMEOUT_SECONDS'],
    [{ LEDGER_AUTH_FAILURES_PER_MINUTE: '0' }, 'LEDGER_AUTH_FAILURES_PER_MINUTE'],
    [{ LEDGER_REQUEST_TIMEOUT_SECONDS: '5', LEDGER_HEADERS_TIMEOUT_SECONDS: '10' }, 'LEDGER_HEADERS_TIMEOUT_SECONDS'],
    [{ LEDGER_TRUST_PROXY: 'lb.internal' }, 'LEDGER_TRUST_PROXY'],
    [{ LEDGER_TRUST_PROXY: '10.0.0.0/33' }, 'LEDGER_TRUST_PROXY'],
    [{ LEDGER_TRUST_PROXY: 'true' }, 'LEDGER_TRUST_PROXY'],
  ])('refuses %p naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^${variable}:`));
  });
});

describe('the readiness bound in the configuration', () => {
  it('is 10000 events and 300 seconds by default', () => expect(loadConfig({})).toMatchObject({ readyMaxLagEvents: 10_000, readyMaxLagSeconds: 300 }));

  it('reads each from its variable, 0 meaning no bound', () =>
    expect(loadConfig({ LEDGER_READY_MAX_LAG_EVENTS: '0', LEDGER_READY_MAX_LAG_SECONDS: '30' })).toMatchObject({ readyMaxLagEvents: null, readyMaxLagSeconds: 30 }));

  it.each(['LEDGER_READY_MAX_LAG_EVENTS', 'LEDGER_READY_MAX_LAG_SECONDS'])('refuses a bound that is not a whole number in %s', (variable) =>
    expect(() => loadConfig({ [variable]: '-1' })).toThrow(new RegExp(`^${variable}:`)));
});

describe('several instances in the configuration', () => {
  it('has defaults', () => expect(loadConfig({})).toMatchObject({ leaderCheckMs: 1000, rateSyncMs: 250 }));

  it('reads each from its variable', () =>
    expect(loadConfig({ LEDGER_LEADER_CHECK_MS: '200', LEDGER_RATE_SYNC_MS: '100' })).toMatchObject({ leaderCheckMs: 200, rateSyncMs: 100 }));

  it.each([
    [{ LEDGER_LEADER_CHECK_MS: '10' }, 'LEDGER_LEADER_CHECK_MS'],
    [{ LEDGER_LEADER_CHECK_MS: 'often' }, 'LEDGER_LEADER_CHECK_MS'],
    [{ LEDGER_RATE_SYNC_MS: '0' }, 'LEDGER_RATE_SYNC_MS'],
    [{ LEDGER_RATE_SYNC_MS: '60000' }, 'LEDGER_RATE_SYNC_MS'],
  ])('refuses %p naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`^${variable}:`));
  });
});

describe('subscribers in the configuration', () => {
  it('has defaults: a heartbeat every 15 s, https and public addresses only, 15 failures before a webhook is disabled', () =>
    expect(loadConfig({}).subscriptions).toEqual({
      networkId: 'urn:resource-sharing-ledger:network',
      eventTypePrefix: 'org.resourcesharing.ledger.',
      sseHeartbeatSeconds: 15,
      sseBufferBytes: 1_048_576,
      liveFeedsPerKey: 16,
      webhookAllowPrivate: false,
      webhookAllowHttp: false,
      webhookTimeoutMs: 10_000,
      webhookRetryBaseMs: 5_000,
      webhookRetryMaxMs: 3_600_000,
      webhookMaxFailures: 15,
    }));

  it('reads each from its variable', () =>
    expect(
      loadConfig({
        LEDGER_NETWORK_ID: 'urn:library-network:test',
        LEDGER_EVENT_TYPE_PREFIX: 'org.example.',
        LEDGER_SSE_HEARTBEAT_SECONDS: '5',
        LEDGER_LIVE_FEEDS_PER_KEY: '100',
        LEDGER_WEBHOOK_ALLOW_HTTP: 'true',
        LEDGER_WEBHOOK_MAX_FAILURES: '3',
      }).subscriptions,
    ).toMatchObject({ networkId: 'urn:library-network:test', eventTypePrefix: 'org.example.', sseHeartbeatSeconds: 5, liveFeedsPerKey: 100, webhookAllowHttp: true, webhookMaxFailures: 3 }));

  it.each([
    [{ LEDGER_NETWORK_ID: 'not a uri' }, 'LEDGER_NETWORK_ID'],
    [{ LEDGER_EVENT_TYPE_PREFIX: 'Org.Example' }, 'LEDGER_EVENT_TYPE_PREFIX'],
    [{ LEDGER_WEBHOOK_ALLOW_PRIVATE: 'yes' }, 'LEDGER_WEBHOOK_ALLOW_PRIVATE'],
    [{ LEDGER_WEBHOOK_MAX_FAILURES: '0' }, 'LEDGER_WEBHOOK_MAX_FAILURES'],
    [{ LEDGER_LIVE_FEEDS_PER_KEY: '0' }, 'LEDGER_LIVE_FEEDS_PER_KEY'],
    [{ LEDGER_LIVE_FEEDS_PER_KEY: 'many' }, 'LEDGER_LIVE_FEEDS_PER_KEY'],
  ])('refuses %p naming %s', (env, variable) => expect(() => loadConfig(env)).toThrow(new RegExp(`^${variable}:`)));
});

describe('the metrics port in the configuration', () => {
  it('is another port than the API’s, or 0 for any free one', () => {
    expect(loadConfig({ PORT: '4000', LEDGER_METRICS_PORT: '9464' })).toMatchObject({ port: 4000, metricsPort: 9464 });
    expect(loadConfig({ PORT: '0', LEDGER_METRICS_PORT: '0' })).toMatchObject({ port: 0, metricsPort: 0 });
    expect(loadConfig({})).toMatchObject({ port: 3000, metricsPort: null });
  });

  it.each([[{ PORT: '4101', LEDGER_METRICS_PORT: '4101' }], [{ LEDGER_METRICS_PORT: '3000' }]])('refuses the API’s own port, naming LEDGER_METRICS_PORT: %p', (env) =>
    expect(() => loadConfig(env)).toThrow(/^LEDGER_METRICS_PORT: must differ from PORT/));
});
