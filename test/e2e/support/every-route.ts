import { get } from 'node:http';
import { EVENT_STORE, type EventStore } from '../../../src/application/ports/event-store.port';
import { eventually } from './eventually';
import { isbnNo } from './isbns';
import { requestXml } from './iso18626';
import { startIsoReceiver } from './iso18626-receiver';
import { ADMIN_KEY, bearer, type RunningLedger } from './ledger-app';
import { startReceiver, type Delivery } from './webhook-receiver';
import { BORROWER, LENDER, OUTSIDER, THIRD, yesterday, type World } from './world';

/** One successful answer of one declared route ("METHOD /path/:param"). */
export type Answer = Readonly<{ route: string; status: number; contentType: string; body: unknown }>;

type Send = Readonly<{ params?: Record<string, string>; query?: string; body?: object; xml?: string }>;

/** Webhooks and ISO 18626 endpoints on 127.0.0.1 over plain HTTP, and no rate limit in the way. */
export const EVERY_ROUTE_ENV = {
  LEDGER_WEBHOOK_ALLOW_PRIVATE: 'true',
  LEDGER_WEBHOOK_ALLOW_HTTP: 'true',
  LEDGER_RATE_LIMIT_PER_MINUTE: '1000000',
  LEDGER_SEAL_EVERY_EVENTS: '20',
};

/** The world's agreement charges for loans and lost items, so money postings appear beside counts. */
export const EVERY_ROUTE_TERMS = { feePerLoan: { amount: '2.50', currency: 'EUR' }, lostItemCompensation: { amount: '40.00', currency: 'EUR' } };

const today = () => new Date().toISOString().slice(0, 10);

/** The status and content type of a live feed's answer: it never ends, so it is cut once the head has come. */
const liveHead = (ledger: RunningLedger, key: string) =>
  new Promise<{ status: number; contentType: string }>((resolve, reject) => {
    const request = get(`${ledger.url}/v1/events/live`, { headers: bearer(key) }, (response) => {
      resolve({ status: response.statusCode ?? 0, contentType: response.headers['content-type'] ?? '' });
      request.destroy();
    });
    request.on('error', reject);
  });

/** What each part of the scenario needs: a way to call a route, keys by library, and a wait for the read models. */
type Scenario = Readonly<{
  /** Answers the JSON body, as supertest parses it (read here only for the ids later steps need). */
  send: (route: string, key: string | null, request?: Send) => Promise<any>;
  as: (isil: string) => string;
  agreementId: string;
  /** Lists are read once the read models hold everything written, so every kind of document is in them. */
  settled: () => Promise<void>;
}>;

const keysAndPartners = async ({ send, as }: Scenario, isoEndpoint: string) => {
  const auditor = (await send('POST /v1/api-keys', ADMIN_KEY, { body: { role: 'auditor', label: 'audit office' } })).key as string;
  const subscriber = (await send('POST /v1/api-keys', ADMIN_KEY, { body: { role: 'subscriber' } })).key as string;
  await send('GET /v1/api-keys', ADMIN_KEY);
  const spare = await send('POST /v1/api-keys', ADMIN_KEY, { body: { role: 'librarian', isil: OUTSIDER } });
  await send('DELETE /v1/api-keys/:id', ADMIN_KEY, { params: { id: spare.id } });
  // Registered first, so the loans below send it messages.
  await send('PUT /v1/partners/:isil/iso18626-endpoint', as(LENDER), { params: { isil: LENDER }, body: { url: isoEndpoint, version: '1.2' } });

  const isil = 'NO-0030100';
  await send('POST /v1/partners', ADMIN_KEY, { body: { isil, name: 'Nasjonalbiblioteket', country: 'NO', city: 'Oslo' } });
  await send('POST /v1/partners/:isil/profile', ADMIN_KEY, { params: { isil }, body: { contactEmail: 'fjernlan@nb.no' } });
  await send('POST /v1/partners/:isil/suspend', ADMIN_KEY, { params: { isil }, body: { reason: 'unpaid fees' } });
  await send('POST /v1/partners/:isil/reinstate', ADMIN_KEY, { params: { isil }, body: {} });
  await send('POST /v1/partners/:isil/leave', ADMIN_KEY, { params: { isil }, body: { reason: 'network merger' } });
  return { auditor, subscriber };
};

/** A second agreement, joined, left, amended and terminated. */
const agreements = async ({ send, as }: Scenario) => {
  const second = (await send('POST /v1/agreements', ADMIN_KEY, {
    body: {
      title: 'Nordic loans', focalPoint: LENDER, members: [BORROWER, LENDER], forms: ['loans'], startsOn: yesterday(),
      terms: { loanPeriodDays: 21, maxRenewals: 1, goalRatio: 1, claimHoldDays: 30 },
    },
  })).agreementId as string;
  const params = { id: second };
  await send('POST /v1/agreements/:id/members', ADMIN_KEY, { params, body: { isil: THIRD } });
  await send('POST /v1/agreements/:id/members/:isil/withdraw', as(THIRD), { params: { ...params, isil: THIRD }, body: { reason: 'no demand' } });
  await send('POST /v1/agreements/:id/amend', ADMIN_KEY, { params, body: { terms: { maxRenewals: 2, feePerLoan: { amount: '1.00', currency: 'EUR' } } } });
  await send('POST /v1/agreements/:id/terminate', ADMIN_KEY, { params, body: { reason: 'merged into the main agreement' } });
};

/** One loan through every step, one declined, one cancelled, one lost; answers the first. */
const loans = async ({ send, as, agreementId }: Scenario): Promise<string> => {
  const request = async () =>
    (await send('POST /v1/loans', as(BORROWER), { body: { agreementId, lender: LENDER, item: { title: 'Babad Tanah Jawi', isbn: '978-0-306-40615-7' } } })).loanId as string;
  const step = (name: string, id: string, by: string, body: object = {}) => send(`POST /v1/loans/:id/${name}`, as(by), { params: { id }, body });
  const loanId = await request();
  for (const [name, by, body] of [
    ['accept', LENDER], ['ship', LENDER], ['receive', BORROWER], ['renew', BORROWER], ['recall', LENDER, { reason: 'needed for an exhibition' }],
    ['return', BORROWER], ['check-in', LENDER],
  ] as const) await step(name, loanId, by, body);
  await step('decline', await request(), LENDER, { reason: 'reference copy only' });
  await step('cancel', await request(), BORROWER, { reason: 'found locally' });
  const lost = await request();
  for (const [name, by] of [['accept', LENDER], ['ship', LENDER], ['receive', BORROWER]] as const) await step(name, lost, by);
  await step('report-lost', lost, BORROWER, { reason: 'water damage' });
  return loanId;
};

/** One exchange completed, one declined, one cancelled; answers the first. */
const exchanges = async ({ send, as, agreementId }: Scenario): Promise<string> => {
  const offered = [{ title: 'Serat Centhini', isbn: '9780306406157', author: 'Anonymous', year: 1814, price: { amount: '12.00', currency: 'EUR' } }];
  const propose = async () =>
    (await send('POST /v1/exchanges', as(BORROWER), { body: { agreementId, counterpart: LENDER, offered, requested: [{ title: 'Buddenbrooks' }] } }))
      .exchangeId as string;
  const step = (name: string, id: string, by: string, body: object = {}) => send(`POST /v1/exchanges/:id/${name}`, as(by), { params: { id }, body });
  const exchangeId = await propose();
  for (const [name, by] of [['accept', LENDER], ['dispatch', BORROWER], ['dispatch', LENDER], ['receive', LENDER], ['receive', BORROWER]] as const) {
    await step(name, exchangeId, by);
  }
  await step('decline', await propose(), LENDER, { reason: 'not in our profile' });
  await step('cancel', await propose(), BORROWER, { reason: 'sent elsewhere' });
  return exchangeId;
};

/** One rotation round trip with an item missing, one cancelled; answers the first. */
const rotations = async ({ send, as, agreementId }: Scenario): Promise<string> => {
  const items = [{ itemId: 'JKP-001', title: 'Max Havelaar', isbn: '0-306-40615-2' }, { itemId: 'JKP-002', title: 'Bumi Manusia' }];
  const plan = async () =>
    (await send('POST /v1/rotations', as(BORROWER), { body: { agreementId, items, itinerary: [{ host: LENDER, days: 14 }] } })).rotationId as string;
  const step = (name: string, id: string, by: string, body: object = {}) => send(`POST /v1/rotations/:id/${name}`, as(by), { params: { id }, body });
  const rotationId = await plan();
  await step('dispatch', rotationId, BORROWER);
  await step('receive', rotationId, LENDER);
  await step('report-missing', rotationId, LENDER, { itemIds: ['JKP-002'] });
  await step('dispatch', rotationId, LENDER);
  await step('receive', rotationId, BORROWER);
  await step('cancel', await plan(), BORROWER, { reason: 'exhibition postponed' });
  return rotationId;
};

/** One claim released, one transferred and fulfilled; answers the ISBN of the second. */
const claims = async ({ send, as, agreementId }: Scenario): Promise<string> => {
  const [released, fulfilled] = [isbnNo(70_001), isbnNo(70_002)];
  for (const isbn of [released, fulfilled]) {
    await send('POST /v1/acquisition-claims', as(THIRD), { body: { agreementId, isbn, title: `Title ${isbn}`, subjects: ['720'] } });
  }
  await send('POST /v1/acquisition-claims/:isbn/release', as(THIRD), { params: { isbn: released }, body: { reason: 'budget cut' } });
  await send('POST /v1/acquisition-claims/:isbn/transfer', as(THIRD), { params: { isbn: fulfilled }, body: { to: LENDER } });
  await send('POST /v1/acquisition-claims/:isbn/fulfil', as(LENDER), { params: { isbn: fulfilled }, body: {} });
  return fulfilled;
};

/** One service kept, one voided, answering the first; then holdings registered and one withdrawn. */
const servicesAndHoldings = async ({ send, as, agreementId }: Scenario): Promise<string> => {
  const render = async (body: object) => (await send('POST /v1/services', as(BORROWER), { body: { agreementId, ...body } })).serviceId as string;
  const serviceId = await render({ recipient: LENDER, kind: 'cataloguing', units: 2.5, renderedOn: yesterday(), note: 'Javanese manuscripts' });
  const voided = await render({ recipient: THIRD, kind: 'training', units: 1 });
  await send('POST /v1/services/:id/void', as(BORROWER), { params: { id: voided }, body: { reason: 'recorded twice' } });
  const items = [0, 1, 2].map((n) => ({ isbn: isbnNo(80_000 + n), title: `Havelaar volume ${n}`, author: 'Multatuli', year: 1860, subjects: ['839'], acquiredOn: today() }));
  await send('POST /v1/holdings', as(LENDER), { body: { items } });
  await send('POST /v1/holdings/withdraw', as(LENDER), { body: { isbns: [isbnNo(80_002)] } });
  return serviceId;
};

/** The balances and reports over all of the above, once folded. */
const ledgerReads = async ({ send, as, agreementId }: Scenario, auditor: string, head: string | null) => {
  const minPosition = `minPosition=${head}`;
  const period = `agreement=${agreementId}&from=${new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10)}&to=${today()}`;
  await send('GET /v1/catalog', as(BORROWER), { query: `?q=Havelaar&${minPosition}` });
  await send('GET /v1/catalog/new-acquisitions', as(BORROWER), { query: `?since=${yesterday()}&${minPosition}` });
  await send('GET /v1/balances', as(BORROWER), { query: `?${minPosition}` });
  await send('GET /v1/balances/trial', auditor, { query: `?${minPosition}` });
  await send('GET /v1/balances/matrix', auditor, { query: `?unit=loan&${minPosition}` });
  await send('GET /v1/reports/fairness', auditor, { query: `?${period}&${minPosition}` });
  await send('GET /v1/reports/fairness', auditor, { query: `?${period}&format=csv` });
  await send('GET /v1/reports/lending-by-month', auditor, { query: `?${period}&${minPosition}` });
  await send('GET /v1/lenders/suggest', as(BORROWER), { query: `?isbn=${isbnNo(80_000)}&borrower=${BORROWER}&${minPosition}` });
};

/** A webhook through its life, its deliveries read once one has come. */
const webhooks = async ({ send }: Scenario, subscriber: string, receiver: Awaited<ReturnType<typeof startReceiver>>) => {
  const params = { id: (await send('POST /v1/webhooks', subscriber, { body: { url: receiver.url, types: ['LoanShipped'], partners: [LENDER] } })).id as string };
  await send('GET /v1/webhooks', subscriber);
  await send('GET /v1/webhooks/:id', subscriber, { params });
  await send('PATCH /v1/webhooks/:id', subscriber, { params, body: { types: ['LoanShipped', 'LoanReceived'] } });
  await send('POST /v1/webhooks/:id/secret', subscriber, { params });
  await send('POST /v1/webhooks/:id/replay', subscriber, { params, body: { after: '0' } });
  await eventually(() => expect(receiver.acknowledged().length).toBeGreaterThan(0));
  await send('GET /v1/webhooks/:id/deliveries', subscriber, { params });
  await send('DELETE /v1/webhooks/:id', subscriber, { params });
};

/**
 * Every declared route once with a success, as partners, coordinators,
 * auditors and subscribers would call it: a loan, an exchange, a rotation,
 * claims, services and holdings through every step, and the reads, history,
 * subscriptions, audit and operations routes over the result.
 */
export const driveEveryRoute = async (ledger: RunningLedger, world: World): Promise<{ answers: Answer[]; deliveries: Delivery[] }> => {
  const answers: Answer[] = [];
  const send = async (route: string, key: string | null, { params = {}, query = '', body, xml }: Send = {}) => {
    const [method, template] = route.split(' ');
    const path = template.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(params[name]));
    let request = ledger.http()[method.toLowerCase() as 'get'](`${path}${query}`);
    if (key !== null) request = request.set(bearer(key));
    if (xml !== undefined) request = request.set('content-type', 'application/xml').send(xml);
    else if (body !== undefined) request = request.send(body);
    const response = await request;
    if (response.status >= 300) throw new Error(`${route}: ${response.status} ${response.text}`);
    answers.push({ route, status: response.status, contentType: response.headers['content-type'] ?? '', body: response.body });
    return response.body;
  };
  const store = ledger.app.get<EventStore>(EVENT_STORE);
  const scenario: Scenario = {
    send, as: (isil) => world.keys[isil], agreementId: world.agreementId, settled: async () => ledger.caughtUp(await store.headPosition()),
  };
  const read = async (list: string, one: string, params: Record<string, string>) => {
    await scenario.settled();
    await send(list, ADMIN_KEY);
    await send(one, ADMIN_KEY, { params });
  };
  const isoReceiver = await startIsoReceiver();
  const hookReceiver = await startReceiver();
  try {
    await send('GET /health/live', null);
    await send('GET /health/ready', null);
    await send('GET /v1/health/ready', ADMIN_KEY);
    const { auditor, subscriber } = await keysAndPartners(scenario, isoReceiver.url);
    await read('GET /v1/partners', 'GET /v1/partners/:isil', { isil: LENDER });
    await agreements(scenario);
    await read('GET /v1/agreements', 'GET /v1/agreements/:id', { id: world.agreementId });
    const loanId = await loans(scenario);
    await read('GET /v1/loans', 'GET /v1/loans/:id', { id: loanId });
    await read('GET /v1/exchanges', 'GET /v1/exchanges/:id', { id: await exchanges(scenario) });
    await read('GET /v1/rotations', 'GET /v1/rotations/:id', { id: await rotations(scenario) });
    await read('GET /v1/acquisition-claims', 'GET /v1/acquisition-claims/:isbn', { isbn: await claims(scenario) });
    await read('GET /v1/services', 'GET /v1/services/:id', { id: await servicesAndHoldings(scenario) });

    // ISO 18626 in, and what the loans sent out.
    await send('POST /v1/iso18626', scenario.as(BORROWER), { xml: requestXml({ requester: BORROWER, supplier: LENDER, requestId: 'REQ-EVERY-ROUTE' }) });
    await send('GET /v1/loans/:id/iso18626', ADMIN_KEY, { params: { id: loanId } });
    await send('GET /v1/partners/:isil/iso18626-endpoint', ADMIN_KEY, { params: { isil: LENDER } });
    await send('GET /v1/partners/:isil/iso18626-endpoint/deliveries', ADMIN_KEY, { params: { isil: LENDER } });

    await ledgerReads(scenario, auditor, await store.headPosition());
    await send('GET /v1/events', ADMIN_KEY, { query: '?limit=5&types=LoanRequested,LoanShipped' });
    await send('GET /v1/streams/:streamId', ADMIN_KEY, { params: { streamId: `loan-${loanId}` } });
    const live = await liveHead(ledger, subscriber);
    answers.push({ route: 'GET /v1/events/live', status: live.status, contentType: live.contentType, body: undefined });
    await send('GET /asyncapi.json', null);
    await webhooks(scenario, subscriber, hookReceiver);

    const firstEvent = (await send('GET /v1/events', auditor, { query: '?limit=1' })).items[0].eventId as string;
    await send('GET /v1/audit/keys', auditor);
    await send('GET /v1/audit/verify', auditor);
    await send('GET /v1/audit/export', auditor);
    await send('GET /v1/audit/proof', auditor, { query: `?eventId=${firstEvent}` });
    await send('GET /v1/audit/head', subscriber);

    await send('GET /metrics', ADMIN_KEY);
    await send('DELETE /v1/partners/:isil/iso18626-endpoint', scenario.as(LENDER), { params: { isil: LENDER } });
    const projections = (await send('GET /v1/projections', auditor)).items as { name: string }[];
    await send('POST /v1/projections/:name/rebuild', ADMIN_KEY, { params: { name: projections[0].name } });
    // What the webhook's receiver got, for the AsyncAPI document's webhook messages.
    return { answers, deliveries: [...hookReceiver.deliveries] };
  } finally {
    await isoReceiver.stop();
    await hookReceiver.stop();
  }
};
