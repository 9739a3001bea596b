import { Webhook } from 'standardwebhooks';
import { API_KEY_STORE, type ApiKeyStore } from '../../src/application/ports/api-key-store.port';
import { eventually } from './support/eventually';
import { ADMIN_KEY, bearer, removeDataDir, startLedger, tempDataDir, type RunningLedger } from './support/ledger-app';
import { expectProblem, fieldsOf } from './support/problems';
import { startReceiver, withoutRepeats } from './support/webhook-receiver';
import { sampleOf } from './support/prometheus';
import { useLedger } from './support/use-ledger';
import { BORROWER, LENDER, OUTSIDER } from './support/world';

const FAST_RETRIES = {
  LEDGER_WEBHOOK_ALLOW_PRIVATE: 'true',
  LEDGER_WEBHOOK_ALLOW_HTTP: 'true',
  LEDGER_WEBHOOK_RETRY_BASE_MS: '5',
  LEDGER_WEBHOOK_RETRY_MAX_MS: '40',
  LEDGER_RATE_LIMIT_PER_MINUTE: '1000000',
};

const issueKey = async (ledger: RunningLedger, role: string) =>
  (await ledger.http().post('/v1/api-keys').set(bearer(ADMIN_KEY)).send({ role })).body.key as string;

/** Registers partners `<prefix><writer>-<n>` from `writers` writers at once. */
const writePartners = (ledger: RunningLedger, prefix: string, writers: number, each: number) =>
  Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let n = 0; n < each; n += 1) {
        const response = await ledger.http().post('/v1/partners').set(bearer(ADMIN_KEY)).send({ isil: `${prefix}${writer}-${n}`, name: `Library ${n}` });
        expect(response.status).toBe(201);
      }
    }),
  );

type LogEvent = { eventId: string; type: string; position: string };
const eventsOfType = async (ledger: RunningLedger, type: string, after: string | null): Promise<LogEvent[]> =>
  (await ledger.http().get(`/v1/events?types=${type}&limit=1000${after ? `&after=${after}` : ''}`).set(bearer(ADMIN_KEY))).body.items;

describe('webhooks, delivered at least once, in order, through failures and a restart', () => {
  const dataDir = tempDataDir();
  let ledger: RunningLedger;
  afterAll(async () => {
    await ledger?.stop();
    removeDataDir(dataDir);
  });

  it('brings every event to a receiver that fails for a while, in log order, signed, repeating only retried deliveries', async () => {
    // Fails the first five deliveries outright, then every third one.
    const receiver = await startReceiver((index) => (index < 5 || index % 3 === 0 ? 503 : 200));
    ledger = await startLedger(dataDir, FAST_RETRIES);
    const key = await issueKey(ledger, 'subscriber');
    const created = await ledger.http().post('/v1/webhooks').set(bearer(key)).send({ url: receiver.url, types: ['PartnerRegistered'] });
    expect(created.status).toBe(201);
    const { id, secret } = created.body as { id: string; secret: string; checkpoint: string | null };
    expect(secret).toMatch(/^whsec_/);
    const start = created.body.checkpoint;

    await writePartners(ledger, 'WA-', 3, 10);
    await eventually(() => expect(receiver.acknowledged().length).toBeGreaterThanOrEqual(10));
    // A restart in the middle of the deliveries: the next instance resumes from the persisted checkpoint.
    await ledger.stop();
    ledger = await startLedger(dataDir, FAST_RETRIES);
    await writePartners(ledger, 'WB-', 3, 10);

    const registered = await eventsOfType(ledger, 'PartnerRegistered', start);
    const expected = registered.map((event) => event.eventId);
    expect(expected).toHaveLength(60);
    await eventually(() => expect(new Set(receiver.acknowledged())).toEqual(new Set(expected)));
    // The receiver keeps a delivery before it answers; the service logs the attempt and moves the checkpoint
    // once it has the answer back (in a grouped commit): the webhook is read once its checkpoint has the last event.
    const webhook = await eventually(async () => {
      const seen = (await ledger.http().get(`/v1/webhooks/${id}`).set(bearer(key))).body;
      expect(BigInt(seen.checkpoint ?? 0)).toBeGreaterThanOrEqual(BigInt(registered.at(-1)!.position));
      return seen;
    });
    await receiver.stop();

    // In order, every one, and a repeat only ever right after itself (a retry or a redelivery after the restart).
    expect(withoutRepeats(receiver.deliveries.map((d) => d.headers['webhook-id'] as string))).toEqual(expected);
    expect(receiver.deliveries.filter((d) => d.answered >= 300).length).toBeGreaterThanOrEqual(5);
    const verifier = new Webhook(secret);
    for (const delivery of receiver.deliveries) {
      const event = verifier.verify(delivery.body, delivery.headers as Record<string, string>) as { id: string; type: string; specversion: string };
      expect({ id: event.id, type: event.type, spec: event.specversion }).toEqual({
        id: delivery.headers['webhook-id'],
        type: 'org.resourcesharing.ledger.PartnerRegistered',
        spec: '1.0',
      });
      expect(delivery.headers['content-type']).toBe('application/cloudevents+json');
    }

    const log = (await ledger.http().get(`/v1/webhooks/${id}/deliveries?limit=500`).set(bearer(key))).body.items as { ok: boolean; status: number; attempt: number; eventId: string }[];
    expect(log.filter((attempt) => !attempt.ok).every((attempt) => attempt.status === 503)).toBe(true);
    expect(log.some((attempt) => attempt.ok && attempt.attempt > 1)).toBe(true);
    expect(webhook).toMatchObject({ enabled: true, failures: 0, checkpoint: expect.any(String) });
    expect(webhook).not.toHaveProperty('secret');
  });
});

describe('a webhook whose owner key was revoked without stopping it', () => {
  const dataDir = tempDataDir();
  let ledger: RunningLedger;
  afterAll(async () => {
    await ledger?.stop();
    removeDataDir(dataDir);
  });

  it('never delivers once the service starts again: it is disabled with owner-key-revoked', async () => {
    const [receiver, witness] = await Promise.all([startReceiver(), startReceiver()]);
    ledger = await startLedger(dataDir, FAST_RETRIES);
    const issued = (await ledger.http().post('/v1/api-keys').set(bearer(ADMIN_KEY)).send({ role: 'subscriber' })).body as { id: string; key: string };
    const { id } = (await ledger.http().post('/v1/webhooks').set(bearer(issued.key)).send({ url: receiver.url, types: ['PartnerRegistered'] })).body;
    expect((await ledger.http().post('/v1/webhooks').set(bearer(ADMIN_KEY)).send({ url: witness.url, types: ['PartnerRegistered'] })).status).toBe(201);
    // Revoked straight in the key store, as keys were before revoking one stopped its webhooks: the webhook stays enabled.
    await ledger.app.get<ApiKeyStore>(API_KEY_STORE).revoke(issued.id, new Date().toISOString());
    expect((await ledger.http().get(`/v1/webhooks/${id}`).set(bearer(ADMIN_KEY))).body).toMatchObject({ enabled: true });
    await ledger.stop();

    ledger = await startLedger(dataDir, FAST_RETRIES);
    expect((await ledger.http().post('/v1/partners').set(bearer(ADMIN_KEY)).send({ isil: 'RV-1', name: 'Library 1' })).status).toBe(201);
    await eventually(() => expect(witness.acknowledged()).toHaveLength(1));
    const seen = (await ledger.http().get(`/v1/webhooks/${id}`).set(bearer(ADMIN_KEY))).body;
    expect(seen).toMatchObject({ enabled: false, disabledReason: 'owner-key-revoked', ownerKeyId: issued.id });
    expect(receiver.deliveries).toEqual([]);
    await Promise.all([receiver.stop(), witness.stop()]);
  });
});

describe('managing webhooks', () => {
  const { ledger, world, post, head } = useLedger({ env: { ...FAST_RETRIES, LEDGER_WEBHOOK_MAX_FAILURES: '3' } });
  const as = (key: string) => ({
    get: (path: string) => ledger().http().get(path).set(bearer(key)),
    post: (path: string, body: object = {}) => ledger().http().post(path).set(bearer(key)).send(body),
    patch: (path: string, body: object) => ledger().http().patch(path).set(bearer(key)).send(body),
    delete: (path: string) => ledger().http().delete(path).set(bearer(key)),
  });

  it('disables a webhook after a run of failures, with its reason, and resumes where it stopped once re-enabled', async () => {
    const receiver = await startReceiver(() => 500);
    const owner = as(await issueKey(ledger(), 'subscriber'));
    const { id } = (await owner.post('/v1/webhooks', { url: receiver.url, categories: ['partner'] })).body;
    expect((await post(`/v1/partners/${OUTSIDER}/suspend`, ADMIN_KEY, { reason: 'audit' })).status).toBe(200);
    const suspended = (await eventsOfType(ledger(), 'PartnerSuspended', null))[0];

    const disabled = await eventually(async () => {
      const body = (await owner.get(`/v1/webhooks/${id}`)).body;
      expect(body.enabled).toBe(false);
      return body;
    });
    expect(disabled.disabledReason).toMatch(/3 failed attempts in a row; the last: the receiver answered 500/);
    expect(receiver.deliveries.map((d) => d.headers['webhook-id'])).toEqual([suspended.eventId, suspended.eventId, suspended.eventId]);
    const metrics = async () => (await as(ADMIN_KEY).get('/metrics')).text;
    await eventually(async () => {
      const text = await metrics();
      expect(sampleOf(text, 'ledger_deliveries_total', { kind: 'webhook', target: id, outcome: 'failed' })).toBe(3);
      expect(sampleOf(text, 'ledger_delivery_targets_disabled_total', { kind: 'webhook', target: id })).toBe(1);
    });

    receiver.answerWith(() => 200);
    expect((await post(`/v1/partners/${OUTSIDER}/reinstate`, ADMIN_KEY, {})).status).toBe(200);
    expect((await owner.patch(`/v1/webhooks/${id}`, { enabled: true })).body).toMatchObject({ enabled: true, disabledReason: null });
    const reinstated = (await eventsOfType(ledger(), 'PartnerReinstated', null))[0];
    await eventually(() => expect(receiver.acknowledged()).toEqual([suspended.eventId, reinstated.eventId]));
    // The receiver keeps a delivery before it answers; the service counts it only once it has the answer back.
    await eventually(async () => expect(sampleOf(await metrics(), 'ledger_deliveries_total', { kind: 'webhook', target: id, outcome: 'delivered' })).toBe(2));
    await receiver.stop();
  });

  it('lets a receiver that hangs delay only itself: another webhook gets every event meanwhile', async () => {
    const [hanging, healthy] = await Promise.all([startReceiver(), startReceiver()]);
    hanging.hold();
    const start = await head();
    const owner = as(await issueKey(ledger(), 'subscriber'));
    for (const receiver of [hanging, healthy]) expect((await owner.post('/v1/webhooks', { url: receiver.url, types: ['PartnerRegistered'] })).status).toBe(201);
    for (const n of [1, 2, 3, 4]) expect((await post('/v1/partners', ADMIN_KEY, { isil: `SL-${n}`, name: `Library ${n}` })).status).toBe(201);
    const expected = (await eventsOfType(ledger(), 'PartnerRegistered', start)).map((event) => event.eventId);
    expect(expected).toHaveLength(4);

    await eventually(() => expect(healthy.acknowledged()).toEqual(expected));
    // The hanging receiver has answered nothing yet: its first delivery is still held.
    expect(hanging.deliveries).toEqual([]);
    hanging.release();
    // Should the hold have outlasted the attempt timeout, the first event comes again: the same webhook-id, right after itself.
    await eventually(() => expect(withoutRepeats(hanging.acknowledged())).toEqual(expected));
    await Promise.all([hanging.stop(), healthy.stop()]);
  });

  it('changes its filters with PATCH: from then on only the newly wanted events are delivered', async () => {
    const receiver = await startReceiver();
    const owner = as(await issueKey(ledger(), 'subscriber'));
    const { id } = (await owner.post('/v1/webhooks', { url: receiver.url, types: ['PartnerSuspended'] })).body;
    const changed = await owner.patch(`/v1/webhooks/${id}`, { types: ['PartnerReinstated'], partners: [OUTSIDER.toLowerCase()] });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ types: ['PartnerReinstated'], categories: [], partners: [OUTSIDER], enabled: true });
    expect((await post(`/v1/partners/${OUTSIDER}/suspend`, ADMIN_KEY, { reason: 'audit' })).status).toBe(200);
    expect((await post(`/v1/partners/${OUTSIDER}/reinstate`, ADMIN_KEY, {})).status).toBe(200);
    const reinstated = (await eventsOfType(ledger(), 'PartnerReinstated', null)).at(-1)!;
    await eventually(() => expect(receiver.acknowledged()).toEqual([reinstated.eventId]));
    await receiver.stop();
  });

  it('shows and changes a webhook only to the key that registered it', async () => {
    const receiver = await startReceiver();
    const owner = as(await issueKey(ledger(), 'subscriber'));
    const stranger = as(await issueKey(ledger(), 'subscriber'));
    const { id } = (await owner.post('/v1/webhooks', { url: receiver.url })).body;
    expect((await owner.get('/v1/webhooks')).body.items.map((w: { id: string }) => w.id)).toEqual([id]);
    expect((await stranger.get('/v1/webhooks')).body.items).toEqual([]);
    for (const response of [
      await stranger.get(`/v1/webhooks/${id}`),
      await stranger.patch(`/v1/webhooks/${id}`, { enabled: false }),
      await stranger.post(`/v1/webhooks/${id}/replay`, { after: '0' }),
      await stranger.get(`/v1/webhooks/${id}/deliveries`),
      await stranger.delete(`/v1/webhooks/${id}`),
    ]) {
      expectProblem(response, 404, 'webhook-not-found');
    }
    expect((await owner.delete(`/v1/webhooks/${id}`)).status).toBe(204);
    expectProblem(await owner.get(`/v1/webhooks/${id}`), 404, 'webhook-not-found');
    await receiver.stop();
  });

  it('stops the webhooks of a revoked key, disabled with the reason, which a coordinator sees', async () => {
    const receiver = await startReceiver();
    const issued = (await ledger().http().post('/v1/api-keys').set(bearer(ADMIN_KEY)).send({ role: 'subscriber' })).body as { id: string; key: string };
    const owner = as(issued.key);
    const { id } = (await owner.post('/v1/webhooks', { url: receiver.url, types: ['PartnerSuspended', 'PartnerReinstated'] })).body;
    // A witness on the same events, from a key that stays.
    const witness = await startReceiver();
    expect((await as(ADMIN_KEY).post('/v1/webhooks', { url: witness.url, types: ['PartnerSuspended', 'PartnerReinstated'] })).status).toBe(201);
    expect((await post(`/v1/partners/${OUTSIDER}/suspend`, ADMIN_KEY, { reason: 'audit' })).status).toBe(200);
    await eventually(() => expect(receiver.acknowledged()).toHaveLength(1));

    expect((await as(ADMIN_KEY).delete(`/v1/api-keys/${issued.id}`)).status).toBe(200);
    const seen = await as(ADMIN_KEY).get(`/v1/webhooks/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ id, enabled: false, disabledReason: 'owner-key-revoked', ownerKeyId: issued.id });
    expect((await owner.get(`/v1/webhooks/${id}`)).status).toBe(401);

    expect((await post(`/v1/partners/${OUTSIDER}/reinstate`, ADMIN_KEY, {})).status).toBe(200);
    await eventually(() => expect(witness.acknowledged()).toHaveLength(2));
    expect(receiver.deliveries).toHaveLength(1);
    const ready = await as(ADMIN_KEY).get('/v1/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info.subscribers.channels[id]).toMatchObject({ enabled: false, disabledReason: 'owner-key-revoked' });
    // Only a coordinator reads another key's webhook.
    expectProblem(await as(await issueKey(ledger(), 'subscriber')).get(`/v1/webhooks/${id}`), 404, 'webhook-not-found');
    await Promise.all([receiver.stop(), witness.stop()]);
  });

  it("delivers to a librarian's webhook only the events that involve its library", async () => {
    const receiver = await startReceiver();
    const librarian = as(world().keys[LENDER]);
    expect((await librarian.post('/v1/webhooks', { url: receiver.url, categories: ['holdings'] })).status).toBe(201);
    for (const isil of [BORROWER, LENDER]) {
      expect((await post('/v1/holdings', world().keys[isil], { items: [{ isbn: '978-1-4028-9462-6', title: 'Webs' }] })).status).toBe(201);
    }
    await eventually(() => expect(receiver.acknowledged()).toHaveLength(1));
    const [delivered] = receiver.deliveries.map((d) => JSON.parse(d.body));
    expect(delivered).toMatchObject({ subject: `holdings-${LENDER}`, isils: LENDER });
    await receiver.stop();
  });

  it('replays from a position, and signs with a rotated secret from then on', async () => {
    const receiver = await startReceiver();
    const owner = as(await issueKey(ledger(), 'subscriber'));
    const created = (await owner.post('/v1/webhooks', { url: receiver.url, types: ['PartnerRegistered'] })).body;
    const rotated = await owner.post(`/v1/webhooks/${created.id}/secret`);
    expect(rotated.status).toBe(201);
    expect(rotated.body.secret).not.toBe(created.secret);

    const replayed = await owner.post(`/v1/webhooks/${created.id}/replay`, { after: '0' });
    expect(replayed.status).toBe(200);
    const registered = (await eventsOfType(ledger(), 'PartnerRegistered', null)).map((event) => event.eventId);
    await eventually(() => expect(receiver.acknowledged()).toEqual(registered));
    for (const delivery of receiver.deliveries) {
      const headers = delivery.headers as Record<string, string>;
      expect(() => new Webhook(rotated.body.secret).verify(delivery.body, headers)).not.toThrow();
      expect(() => new Webhook(created.secret).verify(delivery.body, headers)).toThrow();
    }
    expect(await head()).not.toBeNull();
    await receiver.stop();
  });

  it('refuses to replay from a position the log has not reached, and loses none of the events still to come', async () => {
    const receiver = await startReceiver();
    const owner = as(await issueKey(ledger(), 'subscriber'));
    const created = (await owner.post('/v1/webhooks', { url: receiver.url, types: ['PartnerRegistered'] })).body;
    const end = (await head())!;
    const beyond = (BigInt(end) + 1000n).toString();
    const refused = await owner.post(`/v1/webhooks/${created.id}/replay`, { after: beyond });
    expectProblem(refused, 409, 'beyond-head');
    expect(refused.body.head).toBe(end);
    // The checkpoint stays where it was: the next event is delivered.
    expect((await owner.get(`/v1/webhooks/${created.id}`)).body.checkpoint).toBe(created.checkpoint);
    expect((await owner.post(`/v1/webhooks/${created.id}/replay`, { after: end })).status).toBe(200);
    expect((await post('/v1/partners', ADMIN_KEY, { isil: 'RB-1', name: 'Replayed beyond' })).status).toBe(201);
    const [registered] = await eventsOfType(ledger(), 'PartnerRegistered', end);
    await eventually(() => expect(receiver.acknowledged()).toEqual([registered.eventId]));
    await receiver.stop();
  });

  it('sends a password the URL carries as Basic credentials, and never shows it again', async () => {
    const receiver = await startReceiver();
    const owner = as(await issueKey(ledger(), 'subscriber'));
    const url = receiver.url.replace('http://', 'http://alice:s3cr%C3%A9t@');
    const created = await owner.post('/v1/webhooks', { url, types: ['PartnerRegistered'] });
    expect(created.status).toBe(201);
    const shown = receiver.url.replace('http://', 'http://alice:****@');
    expect(created.body.url).toBe(shown);
    expect((await owner.get(`/v1/webhooks/${created.body.id}`)).body.url).toBe(shown);
    expect((await as(ADMIN_KEY).get(`/v1/webhooks/${created.body.id}`)).body.url).toBe(shown);
    expect((await post('/v1/partners', ADMIN_KEY, { isil: 'BA-1', name: 'Basic' })).status).toBe(201);
    await eventually(() => expect(receiver.acknowledged()).toHaveLength(1));
    expect(receiver.deliveries[0].headers.authorization).toBe(`Basic ${Buffer.from('alice:s3crét').toString('base64')}`);
    await receiver.stop();
  });

  it('refuses bad input with a problem naming the field, and registers nothing', async () => {
    const owner = as(await issueKey(ledger(), 'subscriber'));
    const bad = await owner.post('/v1/webhooks', { url: 42, types: ['LoanTeleported'], categories: ['ship'], partners: ['nope'], extra: 1 });
    expectProblem(bad, 400, 'validation-failed');
    expect(fieldsOf(bad)).toEqual(['categories', 'extra', 'partners', 'types', 'url']);
    expectProblem(await owner.post('/v1/webhooks', { url: 'not a url' }), 400, 'invalid-value');
    // Node sends the user info as the Authorization header, percent-decoded; it refuses one that does not decode.
    const undecodable = await owner.post('/v1/webhooks', { url: 'https://%E0@hooks.example.org/in' });
    expectProblem(undecodable, 400, 'invalid-value');
    expect(undecodable.body.errors).toEqual([{ field: 'url', message: 'url has a user name or password that is not percent-encoded UTF-8' }]);
    expectProblem(await owner.post('/v1/webhooks/not-a-uuid/replay', { after: '0' }), 400, 'validation-failed');
    expectProblem(await owner.post(`/v1/webhooks/00000000-0000-4000-8000-000000000000/replay`, { after: 'yesterday' }), 400, 'validation-failed');
    expect((await owner.get('/v1/webhooks')).body.items).toEqual([]);
  });

  it.each([
    ['types', { types: ['PartnerLeft', 'PartnerLeft'] }],
    ['categories', { categories: ['partner', 'loan', 'partner'] }],
    ['partners', { partners: [LENDER, LENDER.toLowerCase()] }],
  ])('refuses a %s filter naming a value twice with 400 naming it, on registering and on changing a webhook', async (field, filter) => {
    const receiver = await startReceiver();
    try {
      const owner = as(await issueKey(ledger(), 'subscriber'));
      const refused = await owner.post('/v1/webhooks', { url: receiver.url, ...filter });
      expectProblem(refused, 400, 'validation-failed');
      expect(refused.body.errors).toEqual([{ field, message: `${field} must name each value once` }]);
      expect((await owner.get('/v1/webhooks')).body.items).toEqual([]);

      const { id } = (await owner.post('/v1/webhooks', { url: receiver.url, types: ['PartnerLeft'] })).body;
      const unchanged = (await owner.get(`/v1/webhooks/${id}`)).body;
      const patched = await owner.patch(`/v1/webhooks/${id}`, filter);
      expectProblem(patched, 400, 'validation-failed');
      expect(fieldsOf(patched)).toEqual([field]);
      expect((await owner.get(`/v1/webhooks/${id}`)).body).toEqual(unchanged);
      expect((await owner.delete(`/v1/webhooks/${id}`)).status).toBe(204);
    } finally {
      await receiver.stop();
    }
  });
});

describe('webhook destinations (SSRF)', () => {
  const { ledger } = useLedger({ world: false });

  it.each([
    ['plain http', 'http://hooks.example.org/in', /must use https/],
    ['loopback', 'https://127.0.0.1:8443/in', /127\.0\.0\.1, a loopback, private or link-local address/],
    ['a name for loopback', 'https://localhost/in', /a loopback, private or link-local address/],
    ['IPv6 loopback', 'https://[::1]/in', /::1, a loopback/],
    ['a private network', 'https://10.1.2.3/in', /10\.1\.2\.3/],
    ['cloud metadata', 'https://169.254.169.254/latest/meta-data', /169\.254\.169\.254/],
    ['IPv4 mapped in IPv6', 'https://[::ffff:7f00:1]/in', /::ffff:7f00:1/],
  ])('refuses %s unless the operator allows it', async (_, url, message) => {
    const key = await issueKey(ledger(), 'subscriber');
    const response = await ledger().http().post('/v1/webhooks').set(bearer(key)).send({ url });
    expectProblem(response, 400, 'invalid-value');
    expect(response.body.errors).toEqual([{ field: 'url', message: expect.stringMatching(message) }]);
    expect((await ledger().http().get('/v1/webhooks').set(bearer(key))).body.items).toEqual([]);
  });
});
