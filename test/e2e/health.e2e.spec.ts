import { ProjectionRunner } from '../../src/application/projections/projection-runner';
import { LogFanOut } from '../../src/application/subscriptions/log-fan-out';
import { eventually } from './support/eventually';
import { ADMIN_KEY, bearer } from './support/ledger-app';
import { expectProblem } from './support/problems';
import { useLedger } from './support/use-ledger';
import { startReceiver } from './support/webhook-receiver';
import { BORROWER, LENDER } from './support/world';

describe('GET /v1/health/ready (the readiness details, for a coordinator)', () => {
  const { ledger, world } = useLedger();

  const requestLoan = () =>
    ledger()
      .http()
      .post('/v1/loans')
      .set(bearer(world().keys[BORROWER]))
      .send({ agreementId: world().agreementId, lender: LENDER, item: { title: 'Negarakertagama' } });

  it('says, per projection, how far behind the log it is', async () => {
    const loan = await requestLoan();
    await ledger().caughtUp(loan.body.position);
    const ready = await ledger().http().get('/v1/health/ready').set(bearer(ADMIN_KEY));
    expect(ready.status).toBe(200);
    expect(ready.body.info.projections.behind.loans).toEqual({ events: 0, seconds: 0, stuck: false });
    expect(Object.keys(ready.body.info.projections.behind)).toEqual(expect.arrayContaining(['loans', 'agreements', 'partners']));
  });

  it('fails, naming the events each projection has not folded, when the projections stop following the log', async () => {
    await ledger().app.get(ProjectionRunner).stop();
    expect((await requestLoan()).status).toBe(201);
    expect((await requestLoan()).status).toBe(201);
    const ready = await ledger().http().get('/v1/health/ready').set(bearer(ADMIN_KEY));
    expect(ready.status).toBe(503);
    const projections = ready.body.details.projections;
    expect(projections).toMatchObject({ status: 'down', running: false });
    expect(projections.behind.loans.events).toBe(2);
    expect(projections.behind.loans.seconds).toBeGreaterThanOrEqual(0);
  });
});

describe('GET /v1/health/ready for subscriber channels', () => {
  const { ledger, post, head } = useLedger({
    world: false,
    env: {
      LEDGER_READY_MAX_LAG_EVENTS: '2',
      LEDGER_WEBHOOK_ALLOW_PRIVATE: 'true',
      LEDGER_WEBHOOK_ALLOW_HTTP: 'true',
      LEDGER_WEBHOOK_TIMEOUT_MS: '300000',
      LEDGER_WEBHOOK_MAX_FAILURES: '1',
      LEDGER_WEBHOOK_RETRY_BASE_MS: '5',
    },
  });
  const register = (n: number) => post('/v1/partners', ADMIN_KEY, { isil: `HR-${n}`, name: `Library ${n}` });
  const ready = () => ledger().http().get('/v1/health/ready').set(bearer(ADMIN_KEY));

  it('says how far behind each webhook and the live feed are, and fails while a webhook is further behind than the bound', async () => {
    const receiver = await startReceiver();
    const webhook = await post('/v1/webhooks', ADMIN_KEY, { url: receiver.url });
    expect(webhook.status).toBe(201);
    const { id } = webhook.body as { id: string };
    expect((await register(0)).status).toBe(201);
    await eventually(() => expect(receiver.acknowledged()).toHaveLength(1));
    const caughtUp = await eventually(async () => {
      const response = await ready();
      expect(response.status).toBe(200);
      expect(response.body.info.subscribers.channels[id]).toMatchObject({ kind: 'webhook', events: 0, seconds: 0, stuck: false, enabled: true });
      return response.body.info.subscribers;
    });
    expect(caughtUp.channels['live-feed']).toEqual({ kind: 'live-feed', events: 0, seconds: 0, stuck: false, enabled: true, disabledReason: null, failing: false });
    expect(caughtUp).toMatchObject({ liveClients: 0, stuck: [], tooFarBehind: [], bound: { events: 2, seconds: 300 } });

    // The receiver hangs: the webhook falls three events behind, beyond the bound of two.
    receiver.hold();
    for (const n of [1, 2, 3, 4]) expect((await register(n)).status).toBe(201);
    await ledger().caughtUp((await head())!);
    const behind = await eventually(async () => {
      const response = await ready();
      expect(response.status).toBe(503);
      return response.body.details.subscribers;
    });
    expect(behind).toMatchObject({ status: 'down', tooFarBehind: [id], stuck: [] });
    expect(behind.channels[id].events).toBeGreaterThan(2);
    expect(behind.channels[id].seconds).toBeGreaterThanOrEqual(0);
    expect(behind.channels['live-feed'].events).toBe(0);

    receiver.release();
    await eventually(async () => expect((await ready()).status).toBe(200));
    await receiver.stop();
  });

  it('reports a disabled webhook with its reason without making the instance unready', async () => {
    const receiver = await startReceiver(() => 500);
    const { id } = (await post('/v1/webhooks', ADMIN_KEY, { url: receiver.url })).body as { id: string };
    for (const n of [5, 6, 7, 8]) expect((await register(n)).status).toBe(201);
    const response = await eventually(async () => {
      const answer = await ready();
      expect(answer.body.info.subscribers.channels[id]).toMatchObject({ enabled: false, disabledReason: expect.stringMatching(/1 failed attempts in a row/) });
      return answer;
    });
    expect(response.status).toBe(200);
    expect(response.body.info.subscribers.channels[id].events).toBeGreaterThan(2);
    await receiver.stop();
  });

  it('names each projection further behind than the bound', async () => {
    await ledger().caughtUp((await head())!);
    await ledger().app.get(ProjectionRunner).stop();
    for (const n of [9, 10, 11]) expect((await register(n)).status).toBe(201);
    const response = await ready();
    expect(response.status).toBe(503);
    expect(response.body.details.projections.tooFarBehind).toContain('partners');
    expect(response.body.details.projections.behind.partners.events).toBe(3);
    expect(response.body.details.projections.bound).toEqual({ events: 2, seconds: 300 });
  });

  it('fails, naming the live feed as stuck, when the feed stops following the log', async () => {
    ledger().app.get(LogFanOut).stop();
    const response = await ready();
    expect(response.status).toBe(503);
    expect(response.body.details.subscribers).toMatchObject({ status: 'down', stuck: ['live-feed'] });
  });
});

describe('GET /v1/health/ready with a bound in seconds', () => {
  const { ledger, post } = useLedger({
    world: false,
    env: { LEDGER_READY_MAX_LAG_EVENTS: '0', LEDGER_READY_MAX_LAG_SECONDS: '1', LEDGER_WEBHOOK_ALLOW_PRIVATE: 'true', LEDGER_WEBHOOK_ALLOW_HTTP: 'true', LEDGER_WEBHOOK_TIMEOUT_MS: '300000' },
  });
  const ready = () => ledger().http().get('/v1/health/ready').set(bearer(ADMIN_KEY));

  it('fails while the oldest event a webhook has not passed is older than the bound, and recovers once it is delivered', async () => {
    const receiver = await startReceiver();
    receiver.hold();
    const { id } = (await post('/v1/webhooks', ADMIN_KEY, { url: receiver.url })).body as { id: string };
    expect((await post('/v1/partners', ADMIN_KEY, { isil: 'HS-1', name: 'Library 1' })).status).toBe(201);
    const behind = await eventually(async () => {
      const response = await ready();
      expect(response.status).toBe(503);
      return response.body.details.subscribers;
    });
    expect(behind).toMatchObject({ tooFarBehind: [id], bound: { events: null, seconds: 1 } });
    expect(behind.channels[id]).toMatchObject({ events: 1 });
    expect(behind.channels[id].seconds).toBeGreaterThan(1);
    receiver.release();
    await eventually(async () => expect((await ready()).status).toBe(200));
    await receiver.stop();
  });
});

describe('GET /health/ready without a key, and its details behind a coordinator key', () => {
  const { ledger, world, post, get } = useLedger({
    env: {
      LEDGER_WEBHOOK_ALLOW_PRIVATE: 'true',
      LEDGER_WEBHOOK_ALLOW_HTTP: 'true',
      LEDGER_WEBHOOK_MAX_FAILURES: '1',
      LEDGER_WEBHOOK_RETRY_BASE_MS: '5',
      LEDGER_RATE_LIMIT_PER_MINUTE: '100000',
    },
  });
  const UP = { eventStore: { status: 'up' }, projections: { status: 'up' }, subscribers: { status: 'up' } };
  let webhookId: string;
  let port: string;

  beforeAll(async () => {
    // A port nothing listens on: the webhook's one delivery is refused, and its reason names the address.
    const gone = await startReceiver();
    await gone.stop();
    port = new URL(gone.url).port;
    webhookId = (await post('/v1/webhooks', ADMIN_KEY, { url: gone.url })).body.id;
    const endpoint = await ledger().http().put(`/v1/partners/${LENDER}/iso18626-endpoint`).set(bearer(world().keys[LENDER])).send({ url: gone.url, version: '2021-2' });
    expect(endpoint.status).toBe(200);
    expect((await post('/v1/partners', ADMIN_KEY, { isil: 'HP-1', name: 'Library 1' })).status).toBe(201);
  });

  const detailed = () => get('/v1/health/ready', ADMIN_KEY);

  it('gives a coordinator every check’s details: each webhook and ISO 18626 endpoint by id, a disabled one with its reason', async () => {
    const subscribers = await eventually(async () => {
      const response = await detailed();
      expect(response.status).toBe(200);
      expect(response.body.info.subscribers.channels[webhookId]).toMatchObject({ enabled: false, disabledReason: expect.stringContaining(`127.0.0.1:${port}`) });
      return response.body.info.subscribers;
    });
    expect(subscribers.channels[`iso18626-${LENDER}`]).toMatchObject({ kind: 'iso18626', enabled: true });
    const { body } = await detailed();
    expect(body).toMatchObject({ status: 'ok', info: { eventStore: { status: 'up' }, projections: { status: 'up', running: true, stuck: [] } } });
    expect(Object.keys(body.info.projections.behind)).toEqual(expect.arrayContaining(['loans', 'partners']));
  });

  it('tells a caller without a key only the status and each component up or down: no webhook, address, reason or library', async () => {
    await eventually(async () => expect((await detailed()).body.info.subscribers.channels[webhookId].enabled).toBe(false));
    const ready = await ledger().http().get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ok', info: UP, error: {}, details: UP });
    for (const hidden of [webhookId, port, 'iso18626', LENDER, 'disabledReason', 'channels']) expect(ready.text).not.toContain(hidden);
  });

  it('keeps the details from every other key, and from a caller with none', async () => {
    const auditor = (await post('/v1/api-keys', ADMIN_KEY, { role: 'auditor' })).body.key as string;
    const subscriber = (await post('/v1/api-keys', ADMIN_KEY, { role: 'subscriber' })).body.key as string;
    for (const key of [auditor, subscriber, world().keys[LENDER]]) expectProblem(await get('/v1/health/ready', key), 403, 'role-not-allowed');
    expectProblem(await ledger().http().get('/v1/health/ready'), 401, 'unauthorized');
  });

  it('answers 503 without a key naming only the component that is down; the coordinator’s answer says why', async () => {
    await ledger().app.get(ProjectionRunner).stop();
    expect((await post('/v1/partners', ADMIN_KEY, { isil: 'HP-2', name: 'Library 2' })).status).toBe(201);
    await eventually(async () => {
      const ready = await ledger().http().get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ code: 'service-unavailable', details: { ...UP, projections: { status: 'down' } } });
      expect(ready.body.details.projections).toEqual({ status: 'down' });
    });
    const why = await detailed();
    expect(why.status).toBe(503);
    expect(why.body.details.projections).toMatchObject({ status: 'down', running: false });
    expect(why.body.details.projections.behind.partners.events).toBeGreaterThanOrEqual(1);
  });
});
