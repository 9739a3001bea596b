import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore } from '../../src/application/ports/event-store.port';
import { FAIRNESS_FACTS_PROJECTION } from '../../src/application/fairness/fairness-facts.projection';
import { PARTNERS_PROJECTION } from '../../src/application/partners/partners.projection';
import { POSTINGS_PROJECTION } from '../../src/application/ledger/postings.projection';
import { LOANS_PROJECTION } from '../../src/application/loans/loans.projection';
import { ProjectionRunner } from '../../src/application/projections/projection-runner';
import { listProjections, NothingSetAside, retryProjection, skipProjectionEvent } from '../../src/infrastructure/cli/cli';
import { loadConfig } from '../../src/infrastructure/config/config';
import { ADMIN_KEY, bearer, removeDataDir, startLedger, tempDataDir, type RunningLedger } from './support/ledger-app';
import { sampleOf } from './support/prometheus';
import { useLedger } from './support/use-ledger';
import { BORROWER, establishWorld, LENDER, type World } from './support/world';

/**
 * A loan requested and accepted through the API, then a shipment appended
 * straight through the port, past every command rule: it names no lender, so
 * no posting can be made of it. Returns its position.
 */
const appendShipmentWithoutLender = async (ledger: RunningLedger, world: World): Promise<string> => {
  const post = (path: string, key: string, body: object = {}) => ledger.http().post(path).set(bearer(key)).send(body);
  const requested = await post('/v1/loans', world.keys[BORROWER], { agreementId: world.agreementId, lender: LENDER, item: { title: 'Max Havelaar' } });
  const loanId = requested.body.loanId as string;
  await post(`/v1/loans/${loanId}/accept`, world.keys[LENDER]);
  const store = ledger.app.get<EventStore>(EVENT_STORE);
  const [last] = (await store.readStream(`loan-${loanId}`)).slice(-1);
  const shipped = {
    eventId: randomUUID(),
    type: 'LoanShipped',
    data: { loanId, borrower: BORROWER, agreementId: world.agreementId, shippedAt: new Date().toISOString(), dueOn: '2099-01-01' },
    metadata: { actor: { role: 'system' as const }, correlationId: 'c', causationId: 'c', recordedAt: new Date().toISOString() },
  };
  return (await store.append(`loan-${loanId}`, [shipped], last.streamVersion)).position;
};

/** Waits, a bounded number of times, for the service to notice a change to the set-aside table. */
const until = async (done: () => boolean) => {
  for (let i = 0; i < 250 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
};

type Item = { name: string; state: string; position: string | null; head: string | null; lag: number; setAside: { position: string; type: string; error: string; resolution: string }[] };

/** Where a read model of the running service stands: running, stuck or rebuilding. */
const stateIn = (ledger: RunningLedger, name: string) => ledger.app.get(ProjectionRunner).status().projections.find((p) => p.name === name)!.state;

describe('a bad event stops one read model, not the ledger', () => {
  const { ledger, world, get, post } = useLedger();
  const runner = () => ledger().app.get(ProjectionRunner);
  const stateOf = (name: string) => stateIn(ledger(), name);
  let poisonAt: string;

  beforeAll(async () => {
    poisonAt = await appendShipmentWithoutLender(ledger(), world());
    await until(() => stateOf(POSTINGS_PROJECTION) === 'stuck');
  });

  it('keeps the other read models answering, read-your-writes included: a partner registered after it is found at its position', async () => {
    expect(stateOf(POSTINGS_PROJECTION)).toBe('stuck');
    const registered = await post('/v1/partners', ADMIN_KEY, { isil: 'GB-UkOxU', name: 'Bodleian Libraries' });
    expect(registered.status).toBe(201);
    const at = `minPosition=${registered.body.position}`;
    const found = await get(`/v1/partners/GB-UKOXU?${at}`);
    expect({ status: found.status, body: found.body }).toMatchObject({ status: 200, body: { name: 'Bodleian Libraries' } });
    const listed = await get(`/v1/partners?${at}`);
    expect({ status: listed.status, isils: listed.body.items?.map((partner: { isil: string }) => partner.isil) }).toMatchObject({ status: 200, isils: expect.arrayContaining(['GB-UKOXU']) });
    expect((await get(`/v1/loans?${at}`)).status).toBe(200);
    expect((await get(`/v1/catalog/new-acquisitions?since=2026-01-01&${at}`)).status).toBe(200);
    // The log and its streams read no read model: they wait for the log alone, the stuck one's event included.
    const log = await get(`/v1/events?after=${BigInt(registered.body.position) - 1n}&minPosition=${registered.body.position}`);
    expect({ status: log.status, types: log.body.items?.map((event: { type: string }) => event.type) }).toEqual({ status: 200, types: ['PartnerRegistered'] });
    const stream = await get(`/v1/streams/partner-GB-UKOXU?minPosition=${poisonAt}`);
    expect({ status: stream.status, types: stream.body.events?.map((event: { type: string }) => event.type) }).toEqual({ status: 200, types: ['PartnerRegistered'] });
  });

  it('answers a read of the stuck read model with 503 at once, naming it', async () => {
    const response = await get(`/v1/balances?partner=${LENDER}&minPosition=${poisonAt}`);
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ code: 'read-models-behind' });
    expect(response.body.detail).toContain(`the read model postings is stuck at position ${poisonAt}`);
  });

  it('is not ready, and /health/ready says so; its details for a coordinator say which read model is stuck, where and why', async () => {
    expect((await ledger().http().get('/health/ready')).body.details.projections).toEqual({ status: 'down' });
    const response = await ledger().http().get('/v1/health/ready').set(bearer(ADMIN_KEY));
    expect(response.status).toBe(503);
    const projections = response.body.details?.projections ?? response.body.error?.projections;
    // Only the ledger needs a shipment's lender; the loans read model already knows it from the request.
    expect(projections.stuck).toEqual([
      expect.objectContaining({ projection: POSTINGS_PROJECTION, position: poisonAt, type: 'LoanShipped', error: expect.stringContaining('lender must be an ISIL') }),
    ]);
  });

  it('reports the stuck read model and its set-aside event in the metrics', async () => {
    const text = (await get('/metrics')).text;
    expect(sampleOf(text, 'ledger_projection_stuck', { projection: POSTINGS_PROJECTION })).toBe(1);
    expect(sampleOf(text, 'ledger_projection_stuck', { projection: PARTNERS_PROJECTION })).toBe(0);
    expect(sampleOf(text, 'ledger_projection_set_aside_events_total', { projection: POSTINGS_PROJECTION, resolution: 'stuck' })).toBeGreaterThanOrEqual(1);
    expect(sampleOf(text, 'ledger_projection_lag_events', { projection: POSTINGS_PROJECTION })).toBeGreaterThanOrEqual(1);
  });

  it('lists every read model at GET /v1/projections, with the event set aside', async () => {
    const response = await get('/v1/projections', world().keys[BORROWER]);
    expect(response.status).toBe(403);
    const listed = await get('/v1/projections');
    expect(listed.status).toBe(200);
    const items = listed.body.items as Item[];
    expect(items.map((item) => item.name)).toEqual(runner().status().projections.map((p) => p.name));
    const postings = items.find((item) => item.name === POSTINGS_PROJECTION)!;
    expect(postings).toMatchObject({ state: 'stuck', position: String(BigInt(poisonAt) - 1n) });
    expect(postings.lag).toBe(Number(BigInt(postings.head!) - BigInt(poisonAt) + 1n));
    expect(postings.setAside).toEqual([expect.objectContaining({ position: poisonAt, type: 'LoanShipped', resolution: 'stuck' })]);
    const partners = items.find((item) => item.name === PARTNERS_PROJECTION)!;
    expect(partners).toMatchObject({ state: 'running', setAside: [] });
  });

  it('lets the CLI list it, refuse what is not set aside, and skip it: the running service goes on within seconds', async () => {
    const listed = await listProjections(ledger().config);
    expect(listed.find((item) => item.name === POSTINGS_PROJECTION)).toMatchObject({ state: 'stuck' });
    await expect(skipProjectionEvent(ledger().config, POSTINGS_PROJECTION, '1')).rejects.toThrow(NothingSetAside);
    await expect(retryProjection(ledger().config, PARTNERS_PROJECTION)).rejects.toThrow('partners is not stuck');
    await expect(retryProjection(ledger().config, 'nonesuch')).rejects.toThrow('there is no read model nonesuch');

    // A retry without a fix folds the event again and sets it aside again.
    const stuckAt = () => runner().status().projections.find((p) => p.name === POSTINGS_PROJECTION)!.stuckAt;
    const first = stuckAt()!.setAsideAt;
    await retryProjection(ledger().config, POSTINGS_PROJECTION);
    await until(() => stuckAt() !== null && stuckAt()!.setAsideAt !== first);
    expect(stuckAt()).toMatchObject({ position: poisonAt, type: 'LoanShipped' });
    expect(stuckAt()!.setAsideAt).not.toBe(first);

    await skipProjectionEvent(ledger().config, POSTINGS_PROJECTION, poisonAt);
    await until(() => stateOf(POSTINGS_PROJECTION) === 'running');
    expect(stateOf(POSTINGS_PROJECTION)).toBe('running');
    const head = await ledger().app.get<EventStore>(EVENT_STORE).headPosition();
    await runner().waitFor(head!);
    expect((await ledger().http().get('/health/ready')).status).toBe(200);
    const balances = await get(`/v1/balances?partner=${LENDER}&minPosition=${head}`);
    expect(balances.status).toBe(200);
    const items = (await get('/v1/projections')).body.items as Item[];
    expect(items.find((item) => item.name === POSTINGS_PROJECTION)).toMatchObject({
      state: 'running',
      lag: 0,
      setAside: [expect.objectContaining({ position: poisonAt, resolution: 'skipped' })],
    });
  });
});

describe('the setting that lets read models skip what they cannot fold', () => {
  const { ledger, world, get } = useLedger({ env: { LEDGER_PROJECTIONS_SKIP_BAD_EVENTS: `${POSTINGS_PROJECTION},${FAIRNESS_FACTS_PROJECTION}` } });

  it('lets the named read models go on past the event, recording it as skipped, and the service stays ready', async () => {
    const poisonAt = await appendShipmentWithoutLender(ledger(), world());
    const runner = ledger().app.get(ProjectionRunner);
    await runner.waitFor(poisonAt);
    expect(runner.status().projections.every((p) => p.state === 'running')).toBe(true);
    expect((await ledger().http().get('/health/ready')).status).toBe(200);
    const items = (await get('/v1/projections')).body.items as Item[];
    expect(items.find((item) => item.name === POSTINGS_PROJECTION)!.setAside).toEqual([
      expect.objectContaining({ position: poisonAt, resolution: 'skipped' }),
    ]);
  });

  it('lets a read model stuck before the setting named it go on at the next start, recording the event as skipped', async () => {
    const stuck = await startLedger();
    try {
      const poisonAt = await appendShipmentWithoutLender(stuck, await establishWorld(stuck));
      const stateOf = (at: RunningLedger) => at.app.get(ProjectionRunner).status().projections.find((p) => p.name === POSTINGS_PROJECTION)!.state;
      await until(() => stateOf(stuck) === 'stuck');
      expect(stateOf(stuck)).toBe('stuck');
      await stuck.stop();
      // A rebuild meets the event again and says so: exit status 1, the read model and the event named.
      const { eventStore, readStore, databaseUrl, pgSchema } = stuck.config;
      const stores = { EVENT_STORE: eventStore, READ_STORE: readStore, LEDGER_PG_SCHEMA: pgSchema, ...(databaseUrl === null ? {} : { DATABASE_URL: databaseUrl }) };
      const rebuilt = spawnSync(process.execPath, [join(__dirname, '../../dist/infrastructure/cli/cli.js'), 'rebuild'], {
        env: { PATH: process.env.PATH ?? '', LEDGER_DATA_DIR: stuck.dataDir, LOG_LEVEL: 'error', ...stores },
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect({ status: rebuilt.status, out: rebuilt.stdout, err: rebuilt.stderr }).toEqual({
        status: 1,
        out: expect.stringMatching(/^rebuilt read models from \d+ events[^\n]*\n$/),
        err: expect.stringContaining(`${POSTINGS_PROJECTION} is stuck at position ${poisonAt}: LoanShipped`),
      });
      const named = await startLedger(stuck.dataDir, { LEDGER_PROJECTIONS_SKIP_BAD_EVENTS: POSTINGS_PROJECTION });
      try {
        expect(stateOf(named)).toBe('running');
        expect((await named.http().get('/health/ready')).status).toBe(200);
        const items = (await named.http().get('/v1/projections').set(bearer(ADMIN_KEY))).body.items as Item[];
        expect(items.find((item) => item.name === POSTINGS_PROJECTION)).toMatchObject({ state: 'running', lag: 0, setAside: [expect.objectContaining({ position: poisonAt, resolution: 'skipped' })] });
      } finally {
        await named.stop();
      }
    } finally {
      removeDataDir(stuck.dataDir);
    }
  });

  it('reads * or a list of names, and refuses anything else by name', () => {
    const setting = (value: string) => loadConfig({ LEDGER_PROJECTIONS_SKIP_BAD_EVENTS: value }).projectionsSkipBadEvents;
    expect(loadConfig({}).projectionsSkipBadEvents).toEqual([]);
    expect(setting('*')).toBe('*');
    expect(setting(' postings, catalog ')).toEqual(['postings', 'catalog']);
    expect(() => setting('postings;catalog')).toThrow(/^LEDGER_PROJECTIONS_SKIP_BAD_EVENTS: must be \* or a comma-separated list/);
  });

  it('refuses a read model that does not exist, by name', async () => {
    const dataDir = tempDataDir();
    await expect(startLedger(dataDir, { LEDGER_PROJECTIONS_SKIP_BAD_EVENTS: 'postings,nonesuch' })).rejects.toThrow(
      /^LEDGER_PROJECTIONS_SKIP_BAD_EVENTS: no read model named nonesuch/,
    );
    removeDataDir(dataDir);
  });
});

describe('a read model stuck that the balances do not read', () => {
  const { ledger, world, get, post } = useLedger();
  const stateOf = (name: string) => stateIn(ledger(), name);
  let poisonAt: string;

  beforeAll(async () => {
    // A request that names no lender, appended past the command rules: the loans read model cannot list it.
    const store = ledger().app.get<EventStore>(EVENT_STORE);
    const loanId = randomUUID();
    poisonAt = (await store.append(`loan-${loanId}`, [{
      eventId: randomUUID(), type: 'LoanRequested', data: { loanId },
      metadata: { actor: { role: 'system' as const }, correlationId: 'c', causationId: 'c' },
    }], 'no_stream')).position;
    await until(() => stateOf(LOANS_PROJECTION) === 'stuck');
  });

  it('keeps every balance going on past it, read-your-writes included: the cut is where the postings stand', async () => {
    expect(stateOf(LOANS_PROJECTION)).toBe('stuck');
    expect(stateOf(POSTINGS_PROJECTION)).toBe('running');
    const rendered = await post('/v1/services', world().keys[BORROWER], { agreementId: world().agreementId, recipient: LENDER, kind: 'cataloguing', units: 12 });
    expect(rendered.status).toBe(201);
    expect(BigInt(rendered.body.position)).toBeGreaterThan(BigInt(poisonAt));
    const read = await get(`/v1/balances?partner=${BORROWER}&unit=service:cataloguing&minPosition=${rendered.body.position}`);
    expect({ status: read.status, balances: read.body.balances }).toEqual({ status: 200, balances: [expect.objectContaining({ partner: BORROWER, balance: '12' })] });
    // Without minPosition too: the answer's cut is not held back at the stuck read model's position.
    await ledger().app.get(ProjectionRunner).waitFor(rendered.body.position, 60_000, [POSTINGS_PROJECTION]);
    for (const path of ['/v1/balances', '/v1/balances/trial', '/v1/balances/matrix?unit=service:cataloguing']) {
      const answer = await get(path);
      expect({ path, status: answer.status, asOf: BigInt(answer.body.asOf.position) >= BigInt(rendered.body.position) }).toEqual({ path, status: 200, asOf: true });
    }
  });

  it('keeps the fairness and lending reports and the lender suggestion answering with minPosition, which read other read models', async () => {
    const rendered = await post('/v1/services', world().keys[BORROWER], { agreementId: world().agreementId, recipient: LENDER, kind: 'training', units: 2 });
    expect(rendered.status).toBe(201);
    const at = `minPosition=${rendered.body.position}`;
    const year = new Date().getUTCFullYear();
    const period = `from=${year}-01-01&to=${year}-12-31`;
    const report = await get(`/v1/reports/fairness?agreement=${world().agreementId}&${period}&${at}`);
    expect({ status: report.status, given: report.body.partners?.find((p: { isil: string }) => p.isil === BORROWER)?.servicesGiven }).toMatchObject({
      status: 200, given: { training: '2' },
    });
    expect((await get(`/v1/reports/lending-by-month?agreement=${world().agreementId}&${period}&${at}`)).status).toBe(200);
    expect((await get(`/v1/lenders/suggest?isbn=9780261102385&borrower=${BORROWER}&${at}`)).status).toBe(200);
    // The stuck one's own reads still say so.
    const loans = await get(`/v1/loans?${at}`);
    expect({ status: loans.status, code: loans.body.code }).toEqual({ status: 503, code: 'read-models-behind' });
  });
});
