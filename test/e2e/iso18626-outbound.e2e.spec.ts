import { randomUUID } from 'node:crypto';
import { loanIdOfRequest } from '../../src/application/iso18626/iso18626-inbound.service';
import { streams } from '../../src/application/cooperation/streams';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../../src/application/ports/event-store.port';
import { DELIVERY_TARGET_STORE, type DeliveryTargetStore } from '../../src/application/subscriptions/delivery/delivery-target';
import { DeliveryDispatcher } from '../../src/application/subscriptions/delivery/delivery-dispatcher';
import { bearer } from './support/ledger-app';
import { eventually } from './support/eventually';
import { PROBLEM } from './support/problems';
import { useLedger } from './support/use-ledger';
import type { Isil } from '../../src/domain/shared/isil';
import { BORROWER, LENDER } from './support/world';
import { confirmationFor, confirmationOf, parseIso, requestXml, requesterXml, supplierXml, xsdErrors } from './support/iso18626';
import { startIsoReceiver } from './support/iso18626-receiver';

jest.setTimeout(240_000);

type Kept = { direction: string; kind: string; version: string; partner: string; message: string; confirmation: string; messageStatus: string; causedBy?: string };

/** What a message says, in one line: its kind and its status, reason or action. */
const gist = (xml: string) => {
  const { kind, body } = parseIso(xml);
  if (kind === 'request') return 'request';
  if (kind === 'supplyingAgencyMessage') return `${body.messageInfo.reasonForMessage}:${body.statusInfo.status}`;
  return `action:${body.action}`;
};

const env = { LEDGER_WEBHOOK_ALLOW_PRIVATE: 'true', LEDGER_WEBHOOK_ALLOW_HTTP: 'true', LEDGER_WEBHOOK_RETRY_BASE_MS: '50', LEDGER_WEBHOOK_RETRY_MAX_MS: '200' };

describe('ISO 18626 out: a loan driven over the JSON API reaches the partners\' registered endpoints', () => {
  const { ledger, world, post, get } = useLedger({ env });
  // The lender's endpoint refuses the very first delivery (503): it is retried.
  let lender: Awaited<ReturnType<typeof startIsoReceiver>>;
  let borrower: Awaited<ReturnType<typeof startIsoReceiver>>;
  let loanId: string;

  beforeAll(async () => {
    lender = await startIsoReceiver((index) => (index === 0 ? 503 : null));
    borrower = await startIsoReceiver();
  });
  afterAll(async () => {
    await lender.stop();
    await borrower.stop();
  });

  const put = (isil: string, body: object, key = world().keys[isil]) => ledger().http().put(`/v1/partners/${isil}/iso18626-endpoint`).set(bearer(key)).send(body);

  it('registers each partner\'s endpoint, version and credentials; the credentials are never shown', async () => {
    const registered = await put(LENDER, { url: lender.url, version: '1.2', authorization: 'Basic REUtMTpzZWNyZXQ=' });
    expect(registered.status).toBe(200);
    expect(registered.body).toMatchObject({ isil: LENDER, url: lender.url, version: '1.2', authorization: true, enabled: true });
    expect(JSON.stringify(registered.body)).not.toContain('REUtMTpzZWNyZXQ=');
    expect((await put(BORROWER, { url: borrower.url, version: '2021-2' })).status).toBe(200);
    expect((await get(`/v1/partners/${BORROWER}/iso18626-endpoint`)).body).toMatchObject({ version: '2021-2', authorization: false });
  });

  it('refuses another library\'s endpoint and a version it does not speak', async () => {
    expect((await put(LENDER, { url: lender.url, version: '1.2' }, world().keys[BORROWER])).status).toBe(403);
    const badVersion = await put(LENDER, { url: lender.url, version: '1.1' });
    expect(badVersion.status).toBe(400);
    expect(badVersion.body.errors[0].field).toBe('version');
  });

  it('refuses credentials that cannot be sent as an HTTP header, naming the field', async () => {
    for (const authorization of ['Bearer a\u0001b', 'Bearer a\u0000b', 'Basic a\nb', 'Bearer 🔑', 'Bearer \u0100', 'Bearer caf\u00e9', ' Basic x', 'Basic x ']) {
      const refused = await put(LENDER, { url: lender.url, version: '1.2', authorization });
      expect({ authorization, status: refused.status, type: refused.headers['content-type'] }).toEqual({ authorization, status: 400, type: expect.stringMatching(PROBLEM) });
      expect(refused.body.errors).toEqual([{ field: 'authorization', message: expect.stringMatching(/HTTP header value|must not hold control characters/) }]);
    }
    // What was registered before stands.
    expect((await get(`/v1/partners/${LENDER}/iso18626-endpoint`)).body).toMatchObject({ url: lender.url, authorization: true });
  });

  it('sends the request to the lender and every later act to the other party, in order, each valid against its XSD', async () => {
    const { keys, agreementId } = world();
    const must = async (path: string, isil: string, body: object = {}) => {
      const response = await post(path, keys[isil], body);
      expect({ path, status: response.status }).toEqual({ path, status: expect.any(Number) });
      expect(response.status).toBeLessThan(300);
      return response.body;
    };
    ({ loanId } = await must('/v1/loans', BORROWER, { agreementId, lender: LENDER, item: { title: 'Serat Centhini', isbn: '9786020332956', author: 'Pakubuwana V' } }));
    for (const [step, isil] of [['accept', LENDER], ['ship', LENDER], ['receive', BORROWER], ['renew', BORROWER], ['return', BORROWER], ['check-in', LENDER]]) {
      await must(`/v1/loans/${loanId}/${step}`, isil);
    }
    await eventually(() => {
      expect(lender.confirmed()).toHaveLength(4);
      expect(borrower.confirmed()).toHaveLength(4);
    }, 2400, 50);
    expect(lender.confirmed().map((r) => gist(r.body))).toEqual(['request', 'action:Received', 'action:Renew', 'action:ShippedReturn']);
    expect(borrower.confirmed().map((r) => gist(r.body))).toEqual(['RequestResponse:WillSupply', 'StatusChange:Loaned', 'RenewResponse:Loaned', 'StatusChange:LoanCompleted']);
    for (const { body } of [...lender.received, ...borrower.received]) {
      expect({ message: gist(body), errors: await xsdErrors(body) }).toEqual({ message: gist(body), errors: [] });
    }
    expect(lender.received.map((r) => parseIso(r.body).version)).toEqual(Array(5).fill('1.2'));
    expect(borrower.received.map((r) => parseIso(r.body).version)).toEqual(Array(4).fill('2021-2'));
    const request = parseIso(lender.confirmed()[0].body).body;
    expect(request.header).toMatchObject({ requestingAgencyRequestId: loanId, requestingAgencyId: { agencyIdValue: BORROWER }, supplyingAgencyId: { agencyIdValue: LENDER } });
    expect(request.bibliographicInfo).toMatchObject({ title: 'Serat Centhini', author: 'Pakubuwana V' });
    expect(lender.received.every((r) => r.headers.authorization === 'Basic REUtMTpzZWNyZXQ=')).toBe(true);
    expect(borrower.received.every((r) => r.headers.authorization === undefined)).toBe(true);
  });

  it('retried the delivery the lender refused, and logged both attempts', async () => {
    // The first request was refused (503) and delivered again, the same message.
    expect(lender.received.map((r) => r.status)).toEqual([503, 200, 200, 200, 200]);
    expect(gist(lender.received[0].body)).toBe('request');
    const log = (await get(`/v1/partners/${LENDER}/iso18626-endpoint/deliveries`)).body.items as Array<{ ok: boolean; type: string; status: number | null; response: string | null }>;
    const requests = log.filter((attempt) => attempt.type === 'LoanRequested').reverse();
    expect(requests.map((a) => [a.ok, a.status])).toEqual([[false, 503], [true, 200]]);
    expect(parseIso(requests[1].response!).kind).toBe('requestConfirmation');
  });

  it('keeps every message sent with the loan, verbatim, with the confirmation each endpoint answered', async () => {
    // An endpoint keeps a message before it answers; the ledger keeps it, with the answer, once it has that back.
    const kept = await eventually(async () => {
      const answer = (await get(`/v1/loans/${loanId}/iso18626`)).body as { requestingAgencyRequestId: string; messages: Kept[] };
      expect(answer.messages.filter((m) => m.direction === 'out')).toHaveLength(lender.confirmed().length + borrower.confirmed().length);
      return answer;
    }, 2400, 50);
    expect(kept.requestingAgencyRequestId).toBe(loanId);
    const out = kept.messages.filter((m) => m.direction === 'out');
    const toLender = out.filter((m) => m.partner === LENDER);
    const toBorrower = out.filter((m) => m.partner === BORROWER);
    expect(toLender.map((m) => m.message)).toEqual(lender.confirmed().map((r) => r.body));
    expect(toLender.map((m) => m.confirmation)).toEqual(lender.confirmed().map((r) => r.answer));
    expect(toBorrower.map((m) => m.message)).toEqual(borrower.confirmed().map((r) => r.body));
    expect(out.every((m) => m.messageStatus === 'OK' && m.causedBy)).toBe(true);
    // The credentials never reach the log.
    const log = await get(`/v1/events?limit=1000`);
    expect(JSON.stringify(log.body)).not.toContain('REUtMTpzZWNyZXQ=');
  });

  it('answers a requester\'s StatusRequest, sent over ISO 18626 naming the loan by its id, with the current status at its endpoint', async () => {
    const response = await ledger().http().post('/v1/iso18626').set(bearer(world().keys[BORROWER])).set('content-type', 'application/xml')
      .send(requesterXml({ requester: BORROWER, supplier: LENDER, requestId: loanId }, 'StatusRequest'));
    expect(confirmationOf(response.text)).toMatchObject({ kind: 'requestingAgencyMessageConfirmation', messageStatus: 'OK' });
    await eventually(() => expect(borrower.confirmed()).toHaveLength(5), 2400, 50);
    const answer = borrower.confirmed()[4].body;
    expect(gist(answer)).toBe('StatusRequestResponse:LoanCompleted');
    expect(await xsdErrors(answer)).toEqual([]);
    // Only the requester hears the answer.
    expect(lender.confirmed()).toHaveLength(4);
  });

  it('sends a request whose title holds what XML cannot carry (an event written before the API refused it) as XML without it', async () => {
    // The first loan's LoanRequested, copied onto a new loan with a title such as a log may hold from before.
    const store = ledger().app.get<EventStore>(EVENT_STORE);
    const [requested] = (await store.readStream(streams.loan(loanId))) as unknown as Array<RecordedEvent & { data: { item: object } }>;
    const oldLoan = randomUUID();
    await store.append(streams.loan(oldLoan), [{
      eventId: randomUUID(), type: 'LoanRequested', metadata: requested.metadata,
      data: { ...requested.data, loanId: oldLoan, item: { ...requested.data.item, title: 'Babad \u0001Tanah\u0000 Jawi\uFFFF\uD800' } },
    }], 'no_stream');
    await eventually(() => expect(lender.confirmed()).toHaveLength(5), 2400, 50);
    const sent = lender.confirmed()[4].body;
    expect(await xsdErrors(sent)).toEqual([]);
    expect(parseIso(sent).body).toMatchObject({ header: { requestingAgencyRequestId: oldLoan }, bibliographicInfo: { title: 'Babad Tanah Jawi' } });
    // Delivered, so nothing waits behind it.
    expect((await get(`/v1/partners/${LENDER}/iso18626-endpoint`)).body).toMatchObject({ enabled: true, failures: 0 });
  });

  it('sends a loan requested over ISO 18626 to the lender under the requester\'s own request id, as every later message names it', async () => {
    const requestId = `PNRI-${randomUUID().slice(0, 8)}`;
    // The requester's message is kept only once the lender's endpoint has had the request: the race the
    // delivery worker may win, made certain.
    const store = ledger().app.get<EventStore>(EVENT_STORE);
    const append = store.append.bind(store);
    let whileHeld: unknown[] = [];
    store.append = async (streamId, events, expected) => {
      if (streamId === streams.iso18626(loanIdOfRequest(BORROWER as Isil, requestId)) && events.some((e) => e.type === 'Iso18626MessageReceived')) {
        await eventually(() => expect(lender.confirmed()).toHaveLength(6), 2400, 50).catch(() => undefined);
        whileHeld = lender.confirmed().slice(5).map((r) => parseIso(r.body)).map(({ kind, body }) => ({ kind, requestId: body.header.requestingAgencyRequestId }));
      }
      return append(streamId, events, expected);
    };
    let response;
    try {
      response = await ledger().http().post('/v1/iso18626').set(bearer(world().keys[BORROWER])).set('content-type', 'application/xml')
        .send(requestXml({ requester: BORROWER, supplier: LENDER, requestId }, 'Babad Tanah Jawi'));
    } finally {
      store.append = append;
    }
    expect(confirmationOf(response.text)).toMatchObject({ kind: 'requestConfirmation', messageStatus: 'OK' });
    expect(whileHeld).toEqual([{ kind: 'request', requestId }]);
    const { body: requested } = await get(`/v1/events?types=LoanRequested&limit=1000`);
    expect(requested.items.at(-1).data).toMatchObject({ requestId, borrower: BORROWER, lender: LENDER });
  });

  it('relays the supplier\'s first message to the requester under the supplier\'s own request id, even before that message is kept', async () => {
    const ids = { requester: BORROWER, supplier: LENDER, requestId: `PNRI-${randomUUID().slice(0, 8)}`, supplierRequestId: `SBB-${randomUUID().slice(0, 8)}` };
    const send = (xml: string, isil: string) => ledger().http().post('/v1/iso18626').set(bearer(world().keys[isil])).set('content-type', 'application/xml').send(xml);
    expect(confirmationOf((await send(requestXml({ ...ids, supplierRequestId: undefined }), BORROWER)).text).messageStatus).toBe('OK');
    const loanId = loanIdOfRequest(BORROWER as Isil, ids.requestId);
    const ofLoan = (endpoint: typeof lender) => endpoint.confirmed().filter((r) => parseIso(r.body).body.header.requestingAgencyRequestId === ids.requestId);
    const gists = (endpoint: typeof lender) => ofLoan(endpoint).map((r) => [gist(r.body), parseIso(r.body).body.header.supplyingAgencyRequestId]);
    await eventually(() => expect(gists(lender)).toEqual([['request', undefined]]), 2400, 50);

    // The supplier's message is kept only once the requester's endpoint has had what it drove (accepted and
    // shipped at once), and the supplier's has had what the requester did meanwhile over the JSON API: the
    // races the delivery workers may win, made certain.
    const store = ledger().app.get<EventStore>(EVENT_STORE);
    const append = store.append.bind(store);
    const whileHeld = { borrower: [] as unknown[], lender: [] as unknown[] };
    const relayed = async () => {
      await eventually(() => expect(ofLoan(borrower)).toHaveLength(2), 600, 50);
      expect((await post(`/v1/loans/${loanId}/receive`, world().keys[BORROWER])).status).toBe(200);
      await eventually(() => expect(ofLoan(lender)).toHaveLength(2), 600, 50);
      // Each is kept with its confirmation once the worker has that back.
      await eventually(async () => expect((await store.readStream(streams.iso18626(loanId))).filter((e) => e.type === 'Iso18626MessageSent')).toHaveLength(4), 600, 50);
    };
    store.append = async (streamId, events, expected) => {
      if (streamId === streams.iso18626(loanId) && events.some((e) => e.type === 'Iso18626MessageReceived' && (e.data as { kind: string }).kind === 'supplyingAgencyMessage')) {
        await relayed().catch(() => undefined);
        Object.assign(whileHeld, { borrower: gists(borrower), lender: gists(lender) });
      }
      return append(streamId, events, expected);
    };
    try {
      expect(confirmationOf((await send(supplierXml(ids, 'Loaned'), LENDER)).text).messageStatus).toBe('OK');
    } finally {
      store.append = append;
    }
    expect(whileHeld).toEqual({
      borrower: [['RequestResponse:WillSupply', ids.supplierRequestId], ['StatusChange:Loaned', ids.supplierRequestId]],
      lender: [['request', undefined], ['action:Received', ids.supplierRequestId]],
    });
    // What was sent is kept as sent, before the message whose keeping was held.
    const kept = (await store.readStream(streams.iso18626(loanId))).map((e) => ({ type: e.type, ...(e.data as { kind: string; supplyingAgencyRequestId?: string }) }));
    expect(kept.filter((e) => e.kind !== 'request').map((e) => [e.type, e.supplyingAgencyRequestId])).toEqual([
      ...Array(3).fill(['Iso18626MessageSent', ids.supplierRequestId]),
      ['Iso18626MessageReceived', ids.supplierRequestId],
    ]);
  });
});

describe('ISO 18626 out: an endpoint whose credentials Node will not send', () => {
  const { ledger, world, post, get } = useLedger({ env: { ...env, LEDGER_WEBHOOK_MAX_FAILURES: '3' } });
  let lender: Awaited<ReturnType<typeof startIsoReceiver>>;
  beforeAll(async () => {
    lender = await startIsoReceiver();
  });
  afterAll(() => lender.stop());

  it('counts each attempt as a failed delivery, logged, until the endpoint is disabled', async () => {
    const { keys, agreementId } = world();
    const registered = await ledger().http().put(`/v1/partners/${LENDER}/iso18626-endpoint`).set(bearer(keys[LENDER])).send({ url: lender.url, version: '1.2' });
    expect(registered.status).toBe(200);
    // Credentials with a control character, which Node refuses to put in a header, as the store keeps those of
    // an endpoint registered before the API refused them.
    const id = `iso18626-${LENDER}`;
    const targets = ledger().app.get<DeliveryTargetStore>(DELIVERY_TARGET_STORE);
    await ledger().app.get(DeliveryDispatcher).reconfigure(id, () => targets.update(id, { secret: JSON.stringify({ version: '1.2', authorization: 'Bearer a\u0001b' }) }));
    const requested = await post('/v1/loans', keys[BORROWER], { agreementId, lender: LENDER, item: { title: 'Serat Centhini' } });
    expect(requested.status).toBe(201);
    await eventually(async () =>
      expect((await get(`/v1/partners/${LENDER}/iso18626-endpoint`)).body).toMatchObject({
        enabled: false, failures: 3, disabledReason: expect.stringMatching(/Invalid character in header content \["authorization"\]/),
      }));
    const log = (await get(`/v1/partners/${LENDER}/iso18626-endpoint/deliveries`)).body.items as Array<{ ok: boolean; type: string; error: string }>;
    expect(log.map((a) => [a.type, a.ok, a.error])).toEqual(Array(3).fill(['LoanRequested', false, expect.stringMatching(/Invalid character in header content/)]));
    expect(lender.received).toEqual([]);
  });
});

describe('ISO 18626 out: a confirmation is read in the encoding it names, as messages to the ledger are', () => {
  const { ledger, world, post, get } = useLedger({ env });
  const refusal = 'Demande refusée : l\'exemplaire est déjà prêté à la Bibliothèque nationale';
  /** The lender's ILL system refuses in French: an ERROR confirmation, kept as the partner's answer. */
  const refuse = (message: string) => confirmationFor(message)
    .replace('<messageStatus>OK</messageStatus>', '<messageStatus>ERROR</messageStatus>')
    .replace('</confirmationHeader>', `</confirmationHeader>\n    <errorData><errorType>UnrecognisedDataValue</errorType><errorValue>${refusal}</errorValue></errorData>`);
  // The first answer's bytes are ISO-8859-1 under the declaration's UTF-8 (read as UTF-8 they held U+FFFD
  // and were kept); the second's are ISO-8859-1, as its declaration and Content-Type say.
  const latin1 = (answer: string, index: number) => index === 0
    ? { bytes: Buffer.from(answer, 'latin1'), contentType: 'application/xml' }
    : { bytes: Buffer.from(answer.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'), 'latin1'), contentType: 'text/xml; charset=ISO-8859-1' };
  let lender: Awaited<ReturnType<typeof startIsoReceiver>>;
  beforeAll(async () => {
    lender = await startIsoReceiver(() => null, { confirm: refuse, encode: latin1 });
  });
  afterAll(() => lender.stop());

  it('keeps an ISO-8859-1 confirmation as the text it is; one whose bytes are not text in its encoding is a failed attempt, retried', async () => {
    const { keys, agreementId } = world();
    expect((await ledger().http().put(`/v1/partners/${LENDER}/iso18626-endpoint`).set(bearer(keys[LENDER])).send({ url: lender.url, version: '1.2' })).status).toBe(200);
    const requested = await post('/v1/loans', keys[BORROWER], { agreementId, lender: LENDER, item: { title: 'Les Misérables' } });
    expect(requested.status).toBe(201);
    const loanId = requested.body.loanId as string;
    // The attempt that delivered it is logged once the worker has it back.
    await eventually(async () => {
      const log = (await get(`/v1/partners/${LENDER}/iso18626-endpoint/deliveries`)).body.items as Array<{ ok: boolean; status: number | null; error: string | null }>;
      expect(log.reverse().map(({ ok, status, error }) => ({ ok, status, error }))).toEqual([
        { ok: false, status: 200, error: 'the answer could not be read: the body is not UTF-8 text, as its XML declaration says it is' },
        { ok: true, status: 200, error: null },
      ]);
    }, 2400, 50);
    expect(lender.received.map((r) => [gist(r.body), parseIso(r.body).body.header.requestingAgencyRequestId])).toEqual(Array(2).fill(['request', loanId]));
    const kept = ((await get(`/v1/loans/${loanId}/iso18626`)).body as { messages: Kept[] }).messages.filter((m) => m.direction === 'out');
    expect(kept.map((m) => m.messageStatus)).toEqual(['ERROR']);
    expect(kept[0].confirmation).toBe(lender.received[1].answer.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'));
    expect(confirmationOf(kept[0].confirmation)).toMatchObject({ messageStatus: 'ERROR', errorValue: refusal });
    expect((await get(`/v1/partners/${LENDER}/iso18626-endpoint`)).body).toMatchObject({ enabled: true, failures: 0 });
  });
});
