import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MetricsServer } from '../../src/infrastructure/operations/metrics-server';
import { ADMIN_KEY, bearer } from './support/ledger-app';
import { sampleOf } from './support/prometheus';
import { eventually } from './support/eventually';
import { useLedger } from './support/use-ledger';
import { startReceiver } from './support/webhook-receiver';
import { BORROWER, LENDER } from './support/world';
import { startEarlyInRateWindow } from './support/rate-window';

describe('Prometheus metrics', () => {
  const { ledger, world, post, get } = useLedger({ env: { LEDGER_METRICS_PORT: '0', HOST: '127.0.0.1' } });

  const scrape = async (): Promise<string> => {
    const response = await get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text;
  };

  const requestLoan = (headers: Record<string, string> = {}) =>
    ledger()
      .http()
      .post('/v1/loans')
      .set({ ...bearer(world().keys[BORROWER]), ...headers })
      .send({ agreementId: world().agreementId, lender: LENDER, item: { title: 'Serat Centhini' } });

  it('counts requests, commands, commits and replays as they happen, over real HTTP', async () => {
    const before = await scrape();

    const loan = await requestLoan();
    expect(loan.status).toBe(201);
    const refused = await post(`/v1/loans/${loan.body.loanId}/ship`, world().keys[LENDER]);
    expect(refused.status).toBe(409);
    const first = await requestLoan({ 'Idempotency-Key': 'metrics-replay-1' });
    const replay = await requestLoan({ 'Idempotency-Key': 'metrics-replay-1' });
    expect(replay.body).toEqual(first.body);
    await ledger().caughtUp(first.body.position);

    const after = await scrape();
    const moved = (name: string, labels: Record<string, string> = {}) => sampleOf(after, name, labels) - sampleOf(before, name, labels);
    expect(moved('ledger_commands_total', { type: 'RequestLoan', outcome: 'accepted' })).toBe(2);
    expect(moved('ledger_commands_total', { type: 'ShipLoan', outcome: 'refused' })).toBe(1);
    expect(moved('ledger_command_duration_seconds_count', { type: 'RequestLoan' })).toBe(2);
    expect(moved('ledger_idempotent_replays_total')).toBe(1);
    expect(moved('ledger_event_store_events_total')).toBe(2);
    expect(moved('ledger_event_store_commit_appends_sum')).toBeGreaterThanOrEqual(2);
    expect(moved('ledger_event_store_commit_duration_seconds_count')).toBeGreaterThanOrEqual(1);
    // The replay is answered too, with the first answer's status.
    expect(moved('ledger_http_request_duration_seconds_count', { route: '/v1/loans', method: 'POST', status: '201' })).toBe(3);
    expect(moved('ledger_http_request_duration_seconds_count', { route: '/v1/loans/:id/ship', method: 'POST', status: '409' })).toBe(1);
  });

  it('reports each projection caught up once it has folded the log, and the process metrics', async () => {
    const loan = await requestLoan();
    await ledger().caughtUp(loan.body.position);
    const text = await scrape();
    expect(text).toMatch(/^ledger_projection_lag_events\{projection="loans"\} 0$/m);
    expect(text).toMatch(/^ledger_projection_lag_seconds\{projection="loans"\} 0$/m);
    expect(sampleOf(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sampleOf(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('serves /metrics on the main port to a metrics key, which may read nothing else', async () => {
    expect((await ledger().http().get('/metrics')).status).toBe(401);
    expect((await get('/metrics', world().keys[BORROWER])).status).toBe(403);
    const issued = await post('/v1/api-keys', ADMIN_KEY, { role: 'metrics', label: 'prometheus' });
    expect(issued.status).toBe(201);
    const scraper = issued.body.key as string;
    const response = await get('/metrics', scraper);
    expect(response.status).toBe(200);
    expect(sampleOf(response.text, 'ledger_commands_total')).toBeGreaterThan(0);
    expect((await get('/v1/loans', scraper)).status).toBe(403);
  });

  it('serves /metrics without a key on LEDGER_METRICS_PORT, and nothing else there', async () => {
    const url = ledger().app.get(MetricsServer).url!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(url).not.toContain(new URL(ledger().url).port + '/');
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(sampleOf(await response.text(), 'ledger_commands_total')).toBeGreaterThan(0);
    expect((await fetch(url.replace('/metrics', '/v1/loans'))).status).toBe(404);
    expect((await fetch(url, { method: 'POST' })).status).toBe(404);
  });
});

describe('Prometheus metrics of subscribers', () => {
  const { ledger, post, get } = useLedger({ world: false, env: { LEDGER_WEBHOOK_ALLOW_PRIVATE: 'true', LEDGER_WEBHOOK_ALLOW_HTTP: 'true' } });

  it('counts live-feed clients and gives each webhook and the live feed its lag, held back or caught up', async () => {
    const receiver = await startReceiver();
    const { id } = (await post('/v1/webhooks', ADMIN_KEY, { url: receiver.url })).body as { id: string };
    const feed = new AbortController();
    const live = await fetch(`${ledger().url}/v1/events/live`, { headers: bearer(ADMIN_KEY), signal: feed.signal });
    expect(live.status).toBe(200);
    const channel = (kind: string, name: string) => ({ kind, channel: name });
    try {
      await eventually(async () => expect(sampleOf((await get('/metrics')).text, 'ledger_sse_clients')).toBe(1));

      receiver.hold();
      for (const n of [1, 2, 3]) expect((await post('/v1/partners', ADMIN_KEY, { isil: `MS-${n}`, name: `Library ${n}` })).status).toBe(201);
      await eventually(async () => {
        const text = (await get('/metrics')).text;
        // The first event is in flight (unanswered), the other two wait behind it.
        expect(sampleOf(text, 'ledger_subscriber_lag_events', channel('webhook', id))).toBe(3);
        expect(sampleOf(text, 'ledger_subscriber_lag_seconds', channel('webhook', id))).toBeGreaterThan(0);
        expect(sampleOf(text, 'ledger_subscriber_lag_events', channel('live-feed', 'live-feed'))).toBe(0);
      });
      receiver.release();
      await eventually(async () => {
        const text = (await get('/metrics')).text;
        expect(sampleOf(text, 'ledger_subscriber_lag_events', channel('webhook', id))).toBe(0);
        expect(sampleOf(text, 'ledger_subscriber_lag_seconds', channel('webhook', id))).toBe(0);
        expect(sampleOf(text, 'ledger_subscriber_enabled', channel('webhook', id))).toBe(1);
        expect(sampleOf(text, 'ledger_subscriber_stuck', channel('webhook', id))).toBe(0);
        expect(sampleOf(text, 'ledger_deliveries_total', { kind: 'webhook', target: id, outcome: 'delivered' })).toBe(3);
      });
    } finally {
      feed.abort();
      await receiver.stop();
    }
    await eventually(async () => expect(sampleOf((await get('/metrics')).text, 'ledger_sse_clients')).toBe(0));
  });
});

describe('the operations guide and the Grafana dashboard', () => {
  const { get } = useLedger({ world: false });
  const docs = join(__dirname, '../../docs');
  const namesIn = (text: string) => new Set([...text.matchAll(/\bledger_[a-z_]+/g)].map((m) => m[0].replace(/_(bucket|sum|count)$/, '')));

  it('documents every ledger metric the service exposes, and the dashboard uses no other', async () => {
    const exposed = new Set([...(await get('/metrics')).text.matchAll(/^# TYPE (ledger_\w+)/gm)].map((m) => m[1]));
    expect(exposed.size).toBeGreaterThan(5);
    const guide = readFileSync(join(docs, 'operations.md'), 'utf8');
    expect([...exposed].filter((name) => !guide.includes(`\`${name}\``))).toEqual([]);
    expect([...namesIn(guide)].filter((name) => !exposed.has(name))).toEqual([]);

    const dashboard = JSON.parse(readFileSync(join(docs, 'grafana/ledger-dashboard.json'), 'utf8'));
    const exprs: string[] = dashboard.panels.flatMap((panel: { targets: { expr: string }[] }) => panel.targets.map((t) => t.expr));
    expect(exprs.length).toBeGreaterThan(5);
    expect([...namesIn(exprs.join('\n'))].filter((name) => !exposed.has(name))).toEqual([]);
  });
});

describe('Prometheus metrics of the rate limit', () => {
  const { get } = useLedger({ world: false, env: { LEDGER_RATE_LIMIT_PER_MINUTE: '2' } });

  it('counts the requests refused with 429, and scraping is not limited', async () => {
    await startEarlyInRateWindow();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await get('/v1/api-keys', ADMIN_KEY)).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
    const response = await get('/metrics');
    expect(response.status).toBe(200);
    expect(sampleOf(response.text, 'ledger_rate_limited_total')).toBe(2);
  });
});
