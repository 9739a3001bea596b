import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { loanIdOfRequest } from '../../src/application/iso18626/iso18626-inbound.service';
import { streams } from '../../src/application/cooperation/streams';
import { handleCommand } from '../../src/application/commands/handle-command';
import { systemClock } from '../../src/application/ports/clock.port';
import { EVENT_STORE, type EventStore, type NewEvent } from '../../src/application/ports/event-store.port';
import { freshIds } from '../../src/application/ports/ids.port';
import { loanDecider, type LoanCommand } from '../../src/domain/loans';
import type { Isil } from '../../src/domain/shared/isil';
import { MAX_XML_NESTING } from '../../src/infrastructure/iso18626/iso18626.xml';
import { bearer } from './support/ledger-app';
import { PROBLEM } from './support/problems';
import { useLedger } from './support/use-ledger';
import { BORROWER, LENDER, OUTSIDER, THIRD, yesterday } from './support/world';
import { confirmationOf, parseIso, PATRON_INFO, requestXml, requesterXml, supplierXml, xsdErrors, type Ids } from './support/iso18626';

jest.setTimeout(180_000);

type Kept = { direction: string; kind: string; version: string; partner: string; message: string; confirmation: string };

/** Everything but what differs between two runs of the same loan: ids, instants, positions, turnaround times. */
const comparable = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(comparable);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value)
    .filter(([key]) => !/agreement|At$|asOf|position|turnaround|generated|period/i.test(key))
    .map(([key, inner]) => [key, comparable(inner)]));
};

const today = () => new Date().toISOString().slice(0, 10);

describe('ISO 18626 in: POST /v1/iso18626', () => {
  const iso = useLedger();
  const json = useLedger();

  const send = (xml: string | Buffer, isil: string, contentType = 'application/xml') =>
    iso.ledger().http().post('/v1/iso18626').set(bearer(iso.world().keys[isil])).set('content-type', contentType).send(xml);

  /** Sends a message, checks the answer is a valid confirmation with this status, and returns it parsed. */
  const confirmed = async (xml: string | Buffer, isil: string, status: 'OK' | 'ERROR' = 'OK', contentType?: string) => {
    const response = await send(xml, isil, contentType);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/xml/);
    expect(await xsdErrors(response.text)).toEqual([]);
    const confirmation = confirmationOf(response.text);
    expect({ status: confirmation.messageStatus, error: confirmation.errorValue }).toEqual({ status, error: status === 'OK' ? undefined : expect.any(String) });
    return { ...confirmation, text: response.text };
  };

  const loanOf = async (loanId: string) => (await iso.get(`/v1/loans/${loanId}`)).body;
  const keptOf = async (loanId: string) => (await iso.get(`/v1/loans/${loanId}/iso18626`)).body as { requestingAgencyRequestId: string; supplyingAgencyRequestId: string | null; messages: Kept[] };

  let loanId: string;
  const ids: Ids = { requester: BORROWER, supplier: LENDER, requestId: `REQ-${randomUUID()}`, supplierRequestId: 'SUP-0001' };

  it('takes a request (1.2) and answers its requestConfirmation; the loan is requested under the agreement that covers the two', async () => {
    const { kind } = await confirmed(requestXml({ ...ids, supplierRequestId: undefined }), BORROWER);
    expect(kind).toBe('requestConfirmation');
    const kept = await iso.get(`/v1/loans?borrower=${BORROWER}&lender=${LENDER}&minPosition=${await iso.head()}`);
    expect(kept.body.items).toHaveLength(1);
    loanId = kept.body.items[0].loanId;
    expect(kept.body.items[0]).toMatchObject({ status: 'requested', agreementId: iso.world().agreementId, item: { title: 'Lord of the Rings', isbn: '9780261102385', author: 'JRR Tolkien', year: 1954 } });
  });

  it('answers a repeated request as the first time and records nothing new', async () => {
    const head = await iso.head();
    const first = (await keptOf(loanId)).messages[0].confirmation;
    const again = await confirmed(requestXml({ ...ids, supplierRequestId: undefined }), BORROWER);
    expect(again.text).toBe(first);
    // Sent again later, with a new timestamp: still the same request.
    const later = await confirmed(requestXml({ ...ids, supplierRequestId: undefined, timestamp: '2026-11-28T10:30:00Z' }), BORROWER);
    expect(later.text).toBe(first);
    expect(await iso.head()).toBe(head);
  });

  it('drives the loan to LoanCompleted with the requester\'s and supplier\'s messages, taking the request id as the loan\'s', async () => {
    expect((await confirmed(supplierXml(ids, 'ExpectToSupply', 'RequestResponse'), LENDER)).kind).toBe('supplyingAgencyMessageConfirmation');
    await confirmed(supplierXml(ids, 'WillSupply', 'RequestResponse'), LENDER);
    await confirmed(supplierXml({ ...ids, timestamp: '2026-11-28T11:00:00Z' }, 'Loaned'), LENDER);
    expect((await confirmed(requesterXml(ids, 'Received'), BORROWER)).kind).toBe('requestingAgencyMessageConfirmation');
    await confirmed(requesterXml(ids, 'ShippedReturn'), BORROWER);
    await confirmed(supplierXml({ ...ids, timestamp: '2026-11-28T12:00:00Z' }, 'LoanCompleted'), LENDER);
    await iso.ledger().caughtUp(await iso.head());
    expect(await loanOf(loanId)).toMatchObject({ status: 'checked-in' });
    const kept = await keptOf(loanId);
    expect(kept).toMatchObject({ requestingAgencyRequestId: ids.requestId, supplyingAgencyRequestId: 'SUP-0001' });
    expect(kept.messages.map((m) => [m.direction, m.kind, m.partner])).toEqual([
      ['in', 'request', BORROWER],
      ...Array(3).fill(['in', 'supplyingAgencyMessage', LENDER]),
      ...Array(2).fill(['in', 'requestingAgencyMessage', BORROWER]),
      ['in', 'supplyingAgencyMessage', LENDER],
    ]);
    expect(kept.messages[0].message).toBe(requestXml({ ...ids, supplierRequestId: undefined }));
  });

  it('ends with the balances and the fairness report of the same loan driven over the JSON API', async () => {
    const { agreementId, keys } = json.world();
    const post = (path: string, isil: string, body: object = {}) => json.post(path, keys[isil], body).expect((r) => expect(r.status).toBeLessThan(300));
    const { loanId: jsonLoan } = (await post('/v1/loans', BORROWER, { agreementId, lender: LENDER, item: { title: 'Lord of the Rings', isbn: '9780261102385', author: 'JRR Tolkien', year: 1954 } })).body;
    for (const [step, isil] of [['accept', LENDER], ['ship', LENDER], ['receive', BORROWER], ['return', BORROWER], ['check-in', LENDER]]) {
      await post(`/v1/loans/${jsonLoan}/${step}`, isil);
    }
    const viaIso = { balances: (await iso.get(`/v1/balances?minPosition=${await iso.head()}`)).body, fairness: (await iso.get(`/v1/reports/fairness?agreement=${iso.world().agreementId}&from=${today()}&to=${today()}`)).body };
    const viaJson = { balances: (await json.get(`/v1/balances?minPosition=${await json.head()}`)).body, fairness: (await json.get(`/v1/reports/fairness?agreement=${agreementId}&from=${today()}&to=${today()}`)).body };
    expect(viaIso.balances.balances.length).toBeGreaterThan(0);
    expect(comparable(viaIso)).toEqual(comparable(viaJson));
  });

  it('takes a 2021-2 request and the 2021 action Lost', async () => {
    const ids21: Ids = { requester: BORROWER, supplier: LENDER, requestId: `R21-${randomUUID()}`, version: '2021-2' };
    const { version } = await confirmed(requestXml(ids21, 'Der Zauberberg', '9783596294336'), BORROWER);
    expect(version).toBe('2021-2');
    await confirmed(supplierXml(ids21, 'Loaned'), LENDER);
    await confirmed(requesterXml(ids21, 'Received'), BORROWER);
    await confirmed(requesterXml(ids21, 'Lost', 'fell into the canal'), BORROWER);
    const { messages } = await keptOf((await iso.get(`/v1/loans?borrower=${BORROWER}&status=lost&minPosition=${await iso.head()}`)).body.items[0].loanId);
    expect(messages.map((m) => m.version)).toEqual(['2021-2', '2021-2', '2021-2', '2021-2']);
  });

  it('reads a message in the encoding it names: in its XML declaration, in the Content-Type\'s charset, by a byte order mark', async () => {
    const title = 'Café Müller ½';
    const fresh = (): Ids => ({ requester: BORROWER, supplier: LENDER, requestId: `ENC-${randomUUID()}` });
    const undeclared = (ids: Ids) => requestXml(ids, title).replace(' encoding="UTF-8"', '');
    const sent: Array<[Ids, string | Buffer, string?]> = [];
    const latin1 = fresh();
    sent.push([latin1, Buffer.from(requestXml(latin1, title).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'), 'latin1')]);
    const byCharset = fresh();
    sent.push([byCharset, Buffer.from(undeclared(byCharset), 'latin1'), 'text/xml; charset=iso-8859-1']);
    const both = fresh();
    sent.push([both, Buffer.from(requestXml(both, title).replace('encoding="UTF-8"', "encoding='latin1'"), 'latin1'), 'application/xml; charset="ISO-8859-1"']);
    const withBom = fresh();
    sent.push([withBom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(requestXml(withBom, title), 'utf8')])]);
    const utf8 = fresh();
    sent.push([utf8, Buffer.from(undeclared(utf8), 'utf8'), 'application/xml; charset=UTF-8']);
    for (const [, body, contentType] of sent) await confirmed(body, BORROWER, 'OK', contentType);
    const ascii = fresh();
    await confirmed(Buffer.from(requestXml(ascii, 'Cafe').replace('encoding="UTF-8"', 'encoding="US-ASCII"'), 'latin1'), BORROWER);
    await iso.ledger().caughtUp(await iso.head());
    for (const [ids] of sent) expect({ ids, title: (await loanOf(loanIdOfRequest(BORROWER as Isil, ids.requestId))).item.title }).toEqual({ ids, title });
    expect((await loanOf(loanIdOfRequest(BORROWER as Isil, ascii.requestId))).item.title).toBe('Cafe');
  });

  it('keeps a request without its patronInfo (who the patron is stays with the library), the rest as it came; the same request again is a repeat', async () => {
    const patronIds: Ids = { requester: BORROWER, supplier: LENDER, requestId: `REQ-${randomUUID()}` };
    const sent = requestXml(patronIds, 'Babad Tanah Jawi', '9780306406157', PATRON_INFO);
    const first = await confirmed(sent, BORROWER);
    const head = await iso.head();
    const patronLoan = loanIdOfRequest(BORROWER as Isil, patronIds.requestId);
    const { messages } = (await iso.get(`/v1/loans/${patronLoan}/iso18626?minPosition=${head}`)).body as { messages: Kept[] };
    expect(messages.map((m) => m.message)).toEqual([requestXml(patronIds, 'Babad Tanah Jawi', '9780306406157')]);
    const logged = await iso.ledger().app.get<EventStore>(EVENT_STORE).readStream(streams.iso18626(patronLoan));
    expect(logged.map((event) => event.type)).toEqual(['Iso18626MessageReceived']);
    expect(JSON.stringify(logged)).not.toMatch(/Wulandari|P-000417|sri\.wulandari/);
    expect((await confirmed(sent, BORROWER)).text).toBe(first.text);
    expect(await iso.head()).toBe(head);
  });

  describe('each supplier status and requester action, over the wire, as its loan command', () => {
    type Recorded = { type: string; data: Record<string, unknown>; metadata: Record<string, unknown> };
    const loanEvents = async (id: string) => (await iso.ledger().app.get<EventStore>(EVENT_STORE).readStream(streams.loan(id))) as unknown as Recorded[];
    const requested = async (prefix: string) => {
      const ids: Ids = { requester: BORROWER, supplier: LENDER, requestId: `${prefix}-${randomUUID()}`, supplierRequestId: `S-${prefix}` };
      await confirmed(requestXml({ ...ids, supplierRequestId: undefined }), BORROWER);
      return { ids, loanId: loanIdOfRequest(BORROWER as Isil, ids.requestId) };
    };

    it('Unfilled declines the loan with its reasonUnfilled; the same message again is answered as the first time and records nothing', async () => {
      const { ids, loanId } = await requested('UNFILLED');
      const first = await confirmed(supplierXml(ids, 'Unfilled', 'RequestResponse', { reasonUnfilled: 'NotHeld' }), LENDER);
      const events = await loanEvents(loanId);
      expect(events.map((e) => e.type)).toEqual(['LoanRequested', 'LoanDeclined']);
      expect(events[1].data).toMatchObject({ reason: 'NotHeld' });
      const head = await iso.head();
      expect((await confirmed(supplierXml(ids, 'Unfilled', 'RequestResponse', { reasonUnfilled: 'NotHeld' }), LENDER)).text).toBe(first.text);
      expect(await iso.head()).toBe(head);
    });

    it('Renew renews by the agreement\'s terms, the supplier\'s RenewResponse records nothing more, Recalled recalls by its dueDate', async () => {
      const { ids, loanId } = await requested('RENEW');
      await confirmed(supplierXml(ids, 'Loaned'), LENDER);
      await confirmed(requesterXml(ids, 'Received'), BORROWER);
      await confirmed(requesterXml(ids, 'Renew'), BORROWER);
      const renewed = await loanEvents(loanId);
      expect(renewed.map((e) => e.type)).toEqual(['LoanRequested', 'LoanAccepted', 'LoanShipped', 'LoanReceived', 'LoanRenewed']);
      expect(renewed[4].data).toMatchObject({ renewals: 1, previousDueOn: renewed[2].data.dueOn });
      const answer = await confirmed(supplierXml(ids, 'Loaned', 'RenewResponse', { answerYesNo: 'Y', dueDate: `${String(renewed[4].data.dueOn)}T23:59:59Z` }), LENDER);
      expect(parseIso(answer.text).body.reasonForMessage).toBe('RenewResponse');
      expect(await loanEvents(loanId)).toHaveLength(5);
      const recallBy = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
      await confirmed(supplierXml(ids, 'Recalled', 'StatusChange', { dueDate: `${recallBy}T12:00:00Z` }), LENDER);
      expect((await loanEvents(loanId))[5]).toMatchObject({ type: 'LoanRecalled', data: { dueOn: recallBy } });
      expect((await keptOf(loanId)).messages).toHaveLength(6);
    });

    it('takes the supplier\'s own request id as the loan\'s in later messages, and that id for one loan only', async () => {
      const { ids, loanId } = await requested('SUPPLIER-ID');
      // Its first message names the loan by the supplier's id too.
      await confirmed(supplierXml(ids, 'WillSupply', 'RequestResponse'), LENDER);
      // A later one whose requester id the ledger does not know finds the loan by the supplier's id.
      await confirmed(supplierXml({ ...ids, requestId: `RENUMBERED-${randomUUID()}` }, 'Loaned'), LENDER);
      const events = await loanEvents(loanId);
      expect(events.map((e) => e.type)).toEqual(['LoanRequested', 'LoanAccepted', 'LoanShipped']);
      // The events its messages drove carry it, for whoever hears of them before the messages are kept.
      expect(events.map((e) => e.metadata.iso18626)).toEqual([undefined, { supplyingAgencyRequestId: ids.supplierRequestId }, { supplyingAgencyRequestId: ids.supplierRequestId }]);
      expect(await keptOf(loanId)).toMatchObject({ requestingAgencyRequestId: ids.requestId, supplyingAgencyRequestId: ids.supplierRequestId });
      // Another loan may not be named by the same id: refused, nothing recorded.
      const other = await requested('SUPPLIER-ID-AGAIN');
      const head = await iso.head();
      const response = await send(supplierXml({ ...other.ids, supplierRequestId: ids.supplierRequestId }, 'WillSupply', 'RequestResponse'), LENDER);
      expect(confirmationOf(response.text)).toMatchObject({ messageStatus: 'ERROR', errorType: 'UnrecognisedDataValue', errorValue: expect.stringMatching(/supplyingAgencyRequestId S-SUPPLIER-ID: DE-1 already names another loan/) });
      expect(await iso.head()).toBe(head);
      expect(await loanEvents(other.loanId)).toHaveLength(1);
    });

    /** Runs `act` with the ledger's store appending through `through`, which is given the store's own append. */
    const appendingThrough = async <T>(through: (append: EventStore['append'], store: EventStore) => EventStore['append'], act: () => Promise<T>): Promise<T> => {
      const store = iso.ledger().app.get<EventStore>(EVENT_STORE);
      const append = store.append.bind(store);
      store.append = through(append, store);
      try {
        return await act();
      } finally {
        store.append = append;
      }
    };
    /** The store as another instance of the service sees it: its own command lanes. */
    const elsewhere = (store: EventStore, append: EventStore['append']): EventStore =>
      new Proxy(store, { get: (target, key) => (key === 'append' ? append : Reflect.get(target, key, target)) });

    it('records the two steps of a Loaned on a loan only requested (accepted, then shipped) in one append: a cancel from elsewhere cannot come between them', async () => {
      const { ids, loanId } = await requested('TWO-STEPS');
      const appends: string[][] = [];
      let cancel = 'not tried';
      // Once the message has written to the loan, the borrower cancels it through another instance.
      const cancelElsewhere = (store: EventStore) => handleCommand(
        { store, clock: systemClock, ids: freshIds }, streams.loan(loanId), loanDecider,
        (now): LoanCommand => ({ type: 'CancelLoan', data: { loanId }, metadata: { now, actor: { role: 'librarian', library: BORROWER } } }),
        { actor: { role: 'librarian', library: BORROWER }, correlationId: 'elsewhere', causationId: 'elsewhere' },
      ).then(() => 'cancelled', (error: Error) => error.constructor.name);
      await appendingThrough((append, store) => async (streamId, events, expected) => {
        const written = await append(streamId, events, expected);
        if (streamId === streams.loan(loanId) && appends.push(events.map((e) => e.type)) === 1) cancel = await cancelElsewhere(elsewhere(store, append));
        return written;
      }, () => confirmed(supplierXml(ids, 'Loaned'), LENDER));
      expect(appends).toEqual([['LoanAccepted', 'LoanShipped']]);
      expect(cancel).toBe('InvalidTransition');
      expect((await loanEvents(loanId)).map((e) => e.type)).toEqual(['LoanRequested', 'LoanAccepted', 'LoanShipped']);
    });

    it('answers one of two messages naming one supplier id for two loans at once ERROR, naming the id, and records nothing of it', async () => {
      const [a, b] = [await requested('RACE-A'), await requested('RACE-B')];
      const supplierRequestId = `S-RACE-${randomUUID()}`;
      const racing = [a.loanId, b.loanId];
      // The first of the two to write waits until the other has decided too: it writes, or is answered.
      let first: { loanId: string; release: () => void } | undefined;
      const hold = async (events: readonly NewEvent[]) => {
        const { loanId } = (events[0]?.data ?? {}) as { loanId?: string };
        if (loanId === undefined || !racing.includes(loanId)) return;
        if (first === undefined) await new Promise<void>((release) => (first = { loanId, release }));
        else if (first.loanId !== loanId) first.release();
      };
      const answer = async ({ ids, loanId }: { ids: Ids; loanId: string }) => {
        try {
          const { messageStatus, errorValue } = confirmationOf((await send(supplierXml({ ...ids, supplierRequestId }, 'WillSupply', 'RequestResponse'), LENDER)).text);
          return { loanId, status: messageStatus, ...(errorValue === undefined ? {} : { error: errorValue }) };
        } finally {
          first?.release();
        }
      };
      const answers = await appendingThrough((append) => async (streamId, events, expected) => {
        await hold(events);
        return append(streamId, events, expected);
      }, () => Promise.all([answer(a), answer(b)]));
      const won = answers.find((one) => one.status === 'OK');
      const lost = answers.find((one) => one.status === 'ERROR');
      expect(lost).toEqual({ loanId: expect.any(String), status: 'ERROR', error: `supplyingAgencyRequestId ${supplierRequestId}: ${LENDER} already names another loan by this id` });
      expect(won).toEqual({ loanId: expect.any(String), status: 'OK' });
      expect((await loanEvents(won!.loanId)).map((e) => e.type)).toEqual(['LoanRequested', 'LoanAccepted']);
      expect((await loanEvents(lost!.loanId)).map((e) => e.type)).toEqual(['LoanRequested']);
      expect((await keptOf(lost!.loanId)).messages.map((m) => m.kind)).toEqual(['request']);
      const named = await iso.get(`/v1/events?types=Iso18626SupplierRequestIdNamed&limit=1000&minPosition=${await iso.head()}`);
      expect(named.body.items.filter((e: Recorded) => e.data.supplyingAgencyRequestId === supplierRequestId).map((e: Recorded) => e.data.loanId)).toEqual([won!.loanId]);
    });

    it('Cancel cancels the loan with its note as the reason; the supplier\'s Cancelled answering it records nothing more', async () => {
      const { ids, loanId } = await requested('CANCEL');
      await confirmed(requesterXml(ids, 'Cancel', 'found elsewhere'), BORROWER);
      const events = await loanEvents(loanId);
      expect(events.map((e) => e.type)).toEqual(['LoanRequested', 'LoanCancelled']);
      expect(events[1].data).toMatchObject({ cancelledBy: BORROWER, reason: 'found elsewhere' });
      const answer = await confirmed(supplierXml(ids, 'Cancelled', 'CancelResponse', { answerYesNo: 'Y' }), LENDER);
      expect(answer.kind).toBe('supplyingAgencyMessageConfirmation');
      expect(await loanEvents(loanId)).toHaveLength(2);
      expect((await keptOf(loanId)).messages.map((m) => [m.kind, m.partner])).toEqual([
        ['request', BORROWER], ['requestingAgencyMessage', BORROWER], ['supplyingAgencyMessage', LENDER],
      ]);
    });
  });

  describe('answers what it refuses with the standard\'s error confirmation, and records nothing', () => {
    let next = 0;
    const refused = async (xml: string | Buffer, isil: string, errorType: string, errorValue: RegExp, contentType?: string) => {
      const head = await iso.head();
      const response = contentType ? await send(xml, isil, contentType) : await send(xml, isil);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/xml/);
      expect(await xsdErrors(response.text)).toEqual([]);
      const confirmation = confirmationOf(response.text);
      expect(confirmation).toMatchObject({ messageStatus: 'ERROR', errorType, errorValue: expect.stringMatching(errorValue) });
      expect(await iso.head()).toBe(head);
      return { ...confirmation, connection: response.headers.connection };
    };
    const fresh = (): Ids => ({ requester: BORROWER, supplier: LENDER, requestId: `X-${next++}-${randomUUID()}` });

    it('a body that is not XML', () => refused('{"not": "xml"', BORROWER, 'BadlyFormedMessage', /XML/));
    it('a message in a content coding (gzip), which the ledger decodes nowhere; another route answers 415, as for JSON', async () => {
      const head = await iso.head();
      const gzipped = gzipSync(Buffer.from(requesterXml(fresh(), 'Received')));
      const post = (path: string) => iso.ledger().http().post(path).set(bearer(iso.world().keys[BORROWER]))
        .set('content-type', 'application/xml').set('content-encoding', 'gzip').send(gzipped);
      const response = await post('/v1/iso18626');
      expect({ status: response.status, type: response.headers['content-type'] }).toEqual({ status: 200, type: expect.stringMatching(/^application\/xml/) });
      expect(await xsdErrors(response.text)).toEqual([]);
      expect(confirmationOf(response.text)).toMatchObject({
        messageStatus: 'ERROR', errorType: 'BadlyFormedMessage', errorValue: 'a message in Content-Encoding gzip is not taken; send it as it is',
      });
      const elsewhere = await post('/v1/loans');
      expect({ status: elsewhere.status, type: elsewhere.headers['content-type'] }).toEqual({ status: 415, type: expect.stringMatching(PROBLEM) });
      expect(await iso.head()).toBe(head);
    });
    it('a JSON body', () => refused('{"title": "x"}', BORROWER, 'BadlyFormedMessage', /XML/, 'application/json'));
    it('an empty body', () => refused('', BORROWER, 'BadlyFormedMessage', /.+/));
    it('a DOCTYPE (entities)', () =>
      refused('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><ISO18626Message ill:version="1.2">&e;</ISO18626Message>', BORROWER, 'BadlyFormedMessage', /DOCTYPE/));
    describe('bytes it cannot read as text', () => {
      const title = 'Café Müller';
      const declaring = (encoding: string) => requestXml(fresh(), title).replace('encoding="UTF-8"', `encoding="${encoding}"`);
      it('not UTF-8, in a message that names no encoding', () =>
        refused(Buffer.from(requestXml(fresh(), title).replace(' encoding="UTF-8"', ''), 'latin1'), BORROWER, 'BadlyFormedMessage', /the body is not UTF-8 text, as a message that names no encoding must be/));
      it('not UTF-8, as its declaration says', () =>
        refused(Buffer.from(requestXml(fresh(), title), 'latin1'), BORROWER, 'BadlyFormedMessage', /the body is not UTF-8 text, as its XML declaration says it is/));
      it('not US-ASCII, as its declaration says', () =>
        refused(Buffer.from(declaring('US-ASCII'), 'latin1'), BORROWER, 'BadlyFormedMessage', /the body is not US-ASCII text/));
      it('not UTF-8: the confirmation of its kind, in its version', async () => {
        const ids = { ...fresh(), version: '2021-2' as const };
        const confirmation = await refused(Buffer.from(supplierXml(ids, 'Loaned', 'StatusChange', { reasonUnfilled: title }), 'latin1'), LENDER, 'BadlyFormedMessage', /the body is not UTF-8 text/);
        expect(confirmation).toMatchObject({ kind: 'supplyingAgencyMessageConfirmation', version: '2021-2' });
      });
      it('an encoding the ledger does not read, declared', () =>
        refused(Buffer.from(declaring('ISO-8859-2'), 'latin1'), BORROWER, 'BadlyFormedMessage', /its XML declaration names the encoding ISO-8859-2: the ledger reads UTF-8, ISO-8859-1 and US-ASCII/));
      // Once taken for encodings the ledger reads, and answered "the body is not Object text".
      it.each(['constructor', '__proto__'])('an encoding named %s', (name) =>
        refused(Buffer.from(declaring(name), 'latin1'), BORROWER, 'BadlyFormedMessage', new RegExp(`its XML declaration names the encoding ${name}: the ledger reads`)));
      it('an encoding the ledger does not read, as the Content-Type\'s charset', () =>
        refused(Buffer.from(requestXml(fresh(), 'Cafe').replace(' encoding="UTF-8"', ''), 'utf16le'), BORROWER, 'BadlyFormedMessage', /the Content-Type's charset names the encoding utf-16le/, 'application/xml; charset=utf-16le'));
      it('UTF-16, by its byte order mark', () =>
        refused(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(declaring('UTF-16'), 'utf16le')]), BORROWER, 'BadlyFormedMessage', /its byte order mark names the encoding UTF-16/));
      it('a charset and a declaration that name two encodings', () =>
        refused(Buffer.from(declaring('ISO-8859-1'), 'latin1'), BORROWER, 'BadlyFormedMessage', /the Content-Type's charset names utf-8 but its XML declaration names ISO-8859-1/, 'application/xml; charset=utf-8'));
    });
    // Well-formed, but the parser refuses it: once answered 500, which an ILL system retries for ever.
    it.each(['__proto__', 'constructor'])('an element named %s', (name) =>
      refused(requestXml(fresh()).replace('<author>', `<${name}/><author>`), BORROWER, 'BadlyFormedMessage', new RegExp(`could not be read.*${name}`)));
    it(`elements nested more than ${MAX_XML_NESTING} deep below the root`, () =>
      refused(`${'<a>'.repeat(MAX_XML_NESTING + 2)}${'</a>'.repeat(MAX_XML_NESTING + 2)}`, BORROWER, 'BadlyFormedMessage', /could not be read: Maximum nested tags/));
    it('a version the ledger does not speak', () =>
      refused(requestXml(fresh()).replace('ill:version="1.2"', 'ill:version="1.1"'), BORROWER, 'UnrecognisedDataValue', /version 1\.1/));
    it('an element the schema does not know', async () => {
      const confirmation = await refused(requestXml(fresh()).replace('<author>', '<colour>red</colour><author>'), BORROWER, 'UnrecognisedDataElement', /colour/);
      expect(confirmation.kind).toBe('requestConfirmation');
    });
    it('a request without the title the ledger records the item by', () =>
      refused(requestXml(fresh()).replace(/<title>[^<]*<\/title>/, ''), BORROWER, 'BadlyFormedMessage', /title is required/));
    it('a value the schema does not allow', () =>
      refused(requestXml(fresh()).replace('<serviceType>Loan', '<serviceType>Lend'), BORROWER, 'UnrecognisedDataValue', /Lend/));
    it('a 1.2 message with the 2021 action Lost', async () => {
      const confirmation = await refused(requesterXml({ ...ids }, 'Lost'), BORROWER, 'UnsupportedActionType', /Lost/);
      expect(confirmation.kind).toBe('requestingAgencyMessageConfirmation');
    });
    it('an action the ledger does not support', () =>
      refused(requesterXml({ ...ids, version: '2021-2' }, 'HoldReturn'), BORROWER, 'UnsupportedActionType', /HoldReturn/));
    it('a reason for message the schema does not know', () =>
      refused(supplierXml(ids, 'Loaned', 'Gossip'), LENDER, 'UnsupportedReasonForMessageType', /Gossip/));
    it('a request in another agency\'s name', () => refused(requestXml(fresh()), THIRD, 'UnrecognisedDataValue', /requestingAgencyId.*acts for FR-751131015/));
    it('a supplier message from the requester\'s key', () => refused(supplierXml(ids, 'Loaned'), BORROWER, 'UnrecognisedDataValue', /supplyingAgencyId.*acts for ID-JKPNRI/));
    it('a key that sends no messages (a coordinator\'s) is refused as on every route: 403, a problem document', async () => {
      const head = await iso.head();
      const response = await iso.ledger().http().post('/v1/iso18626').set(bearer(iso.world().admin)).set('content-type', 'application/xml').send(requestXml(fresh()));
      expect({ status: response.status, type: response.headers['content-type'] }).toEqual({ status: 403, type: expect.stringMatching(/^application\/problem\+json/) });
      expect(await iso.head()).toBe(head);
    });
    it('an unknown loan', () => refused(requesterXml(fresh(), 'Received'), BORROWER, 'UnrecognisedDataValue', /no loan from DE-1 to ID-JKPNRI/));
    it('two agencies no agreement covers', () =>
      refused(requestXml({ requester: BORROWER, supplier: 'NL-0100030000', requestId: 'NOPE-1' }), BORROWER, 'UnrecognisedDataValue', /no agreement in force covers loans/));
    it('a step the loan does not allow (a closed loan)', () => refused(requesterXml(ids, 'Renew'), BORROWER, 'UnrecognisedDataValue', /closed/));
    it('a request id already used for another request', () =>
      refused(requestXml({ ...ids, supplierRequestId: undefined }, 'Another title'), BORROWER, 'UnrecognisedDataValue', /already sent another request/));
    it('a requestingAgencyMessage from the supplier\'s key', () =>
      refused(requesterXml(ids, 'Received'), LENDER, 'UnrecognisedDataValue', /requestingAgencyId.*acts for DE-1/));
    it('a supplier\'s step the loan does not allow, giving its own id: that id names no loan', async () => {
      const open = { ...fresh(), supplierRequestId: `S-REFUSED-${randomUUID()}` };
      await confirmed(requestXml({ ...open, supplierRequestId: undefined }), BORROWER);
      await refused(supplierXml(open, 'Recalled'), LENDER, 'UnrecognisedDataValue', /cannot be recalled/);
      const other = fresh();
      await confirmed(requestXml(other), BORROWER);
      await confirmed(supplierXml({ ...other, supplierRequestId: open.supplierRequestId }, 'WillSupply', 'RequestResponse'), LENDER);
    });
    it('a supplier\'s Cancelled that answers no Cancel (only the requester cancels)', async () => {
      const open = fresh();
      await confirmed(requestXml(open), BORROWER);
      await refused(supplierXml(open, 'Cancelled', 'CancelResponse', { answerYesNo: 'Y' }), LENDER, 'UnrecognisedDataValue', /Cancelled.*only the requesting agency cancels/);
    });
    /** What a confirmation echoes of the header of the message it answers, so that the sender can tell which of its messages failed. */
    const echoed = (ids: Ids) => ({ requestingAgency: ids.requester, supplyingAgency: ids.supplier, requestingAgencyRequestId: ids.requestId });
    it('a message that is not well-formed XML, with the confirmation its opening calls for, naming the ids of its header', async () => {
      const ids = { ...fresh(), version: '2021-2' as const };
      const confirmation = await refused(supplierXml(ids, 'Loaned').replace('</statusInfo>', ''), LENDER, 'BadlyFormedMessage', /not well-formed/);
      expect(confirmation).toMatchObject({ kind: 'supplyingAgencyMessageConfirmation', version: '2021-2', ...echoed(ids) });
    });
    describe('a body over the limit (1 MiB by default), of which no more than the opening is read', () => {
      const limit = 1_048_576;
      const larger = new RegExp(`^the message is larger than ${limit} bytes, the most the ledger takes$`);
      /** The message with a comment after its root, to `size` bytes. */
      const padded = (xml: string, size: number) => Buffer.from(`${xml}<!--${'x'.repeat(size - Buffer.byteLength(xml) - 7)}-->`);
      /** As a client that streams its body sends it: in chunks, without a Content-Length. */
      const sendChunked = (body: Buffer, isil: string) => new Promise<{ status: number; type?: string; text: string }>((resolve, reject) => {
        const request = httpRequest(`${iso.ledger().url}/v1/iso18626`, { method: 'POST', headers: { ...bearer(iso.world().keys[isil]), 'content-type': 'application/xml' } }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode!, type: response.headers['content-type'], text: Buffer.concat(chunks).toString('utf8') }));
        });
        request.on('error', reject);
        for (let at = 0; at < body.length; at += 65_536) request.write(body.subarray(at, at + 65_536));
        request.end();
      });

      it('bytes that are no message: the confirmation of any body that is not one, naming no ids; the connection closes after it', async () => {
        const confirmation = await refused(Buffer.alloc(2_000_000, 'a'), BORROWER, 'BadlyFormedMessage', larger);
        expect(confirmation).toMatchObject({ kind: 'requestConfirmation', version: '1.2', connection: 'close' });
        expect(confirmation.requestingAgencyRequestId).toBeUndefined();
      });
      it('a message: the confirmation of its kind, in its version, naming the ids of its header', async () => {
        const ids = { ...fresh(), version: '2021-2' as const };
        const confirmation = await refused(requesterXml(ids, 'Notification', 'n'.repeat(1_100_000)), BORROWER, 'BadlyFormedMessage', larger);
        expect(confirmation).toMatchObject({ kind: 'requestingAgencyMessageConfirmation', version: '2021-2', ...echoed(ids) });
      });
      it('one byte over the limit, and not at it', async () => {
        const message = requesterXml(fresh(), 'Received');
        await refused(padded(message, limit), BORROWER, 'UnrecognisedDataValue', /no loan from DE-1 to ID-JKPNRI/);
        expect((await refused(padded(message, limit + 1), BORROWER, 'BadlyFormedMessage', larger)).kind).toBe('requestingAgencyMessageConfirmation');
      });
      it('declared over the limit, its opening and header sent and no more: the confirmation at once, naming its ids, without waiting for the rest', async () => {
        const ids = fresh();
        const message = requesterXml(ids, 'Received');
        const opening = message.slice(0, message.indexOf('</header>') + '</header>'.length);
        const answer = await new Promise<string>((resolve, reject) => {
          const socket = connect(Number(new URL(iso.ledger().url).port), '127.0.0.1');
          let text = '';
          // The client then waits: an answer that waited for the rest of the body would come only at the request timeout (30 s).
          const gaveUp = setTimeout(() => socket.destroy(), 5_000);
          socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          socket.on('close', () => {
            clearTimeout(gaveUp);
            resolve(text);
          });
          socket.on('error', reject);
          socket.on('connect', () =>
            socket.write(
              `POST /v1/iso18626 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${iso.world().keys[BORROWER]}\r\n` +
                `Content-Type: application/xml\r\nContent-Length: 2000000\r\n\r\n${opening}`,
            ));
        });
        expect(answer).toMatch(/^HTTP\/1\.1 200 /);
        const confirmation = confirmationOf(answer.slice(answer.indexOf('\r\n\r\n') + 4));
        expect(confirmation).toMatchObject({ kind: 'requestingAgencyMessageConfirmation', messageStatus: 'ERROR', errorType: 'BadlyFormedMessage', ...echoed(ids) });
        expect(confirmation.errorValue).toMatch(larger);
      });
      it('sent in chunks, without a Content-Length', async () => {
        const head = await iso.head();
        const response = await sendChunked(Buffer.from(supplierXml(fresh(), 'Loaned', 'StatusChange', { reasonUnfilled: 'r'.repeat(1_100_000) })), LENDER);
        expect({ status: response.status, type: response.type }).toEqual({ status: 200, type: expect.stringMatching(/^application\/xml/) });
        expect(await xsdErrors(response.text)).toEqual([]);
        expect(confirmationOf(response.text)).toMatchObject({ kind: 'supplyingAgencyMessageConfirmation', messageStatus: 'ERROR', errorType: 'BadlyFormedMessage', errorValue: expect.stringMatching(larger) });
        expect(await iso.head()).toBe(head);
      });
      it('from a key that sends no messages: 403, as on every route', async () => {
        const response = await iso.ledger().http().post('/v1/iso18626').set(bearer(iso.world().admin)).set('content-type', 'application/xml').send(Buffer.alloc(2_000_000, 'a'));
        expect({ status: response.status, type: response.headers['content-type'], connection: response.headers.connection })
          .toEqual({ status: 403, type: expect.stringMatching(PROBLEM), connection: 'close' });
      });
      it('another route answers an XML body over the limit 413, a problem naming the body, as it does a JSON one', async () => {
        const response = await iso.ledger().http().post('/v1/loans').set(bearer(iso.world().keys[BORROWER])).set('content-type', 'application/xml').send(Buffer.alloc(2_000_000, 'a'));
        expect({ status: response.status, type: response.headers['content-type'], field: response.body.errors?.[0]?.field }).toEqual({ status: 413, type: expect.stringMatching(PROBLEM), field: 'body' });
      });
    });
    it('a confirmation sent as a message', () =>
      refused(requestXml(fresh()).replace(/<request>[\s\S]*<\/request>/, '<requestConfirmation><confirmationHeader><timestamp>2026-01-01T00:00:00Z</timestamp><timestampReceived>2026-01-01T00:00:00Z</timestampReceived><messageStatus>OK</messageStatus></confirmationHeader></requestConfirmation>'), BORROWER, 'BadlyFormedMessage', /answers a message/));
    // Last: it adds two agreements to this network.
    it('a request between two agencies that several agreements in force cover, naming them', async () => {
      const agreementIds: string[] = [];
      for (const title of ['Paris–Den Haag loans', 'Paris–Den Haag loans, second']) {
        const established = await iso.post('/v1/agreements', iso.world().admin, {
          title, focalPoint: THIRD, members: [THIRD, OUTSIDER], forms: ['loans'], startsOn: yesterday(),
          terms: { loanPeriodDays: 28, maxRenewals: 2, goalRatio: 1, claimHoldDays: 90 },
        });
        expect(established.status).toBe(201);
        agreementIds.push(established.body.agreementId as string);
      }
      await iso.ledger().caughtUp(await iso.head());
      const { errorValue } = await refused(requestXml({ requester: THIRD, supplier: OUTSIDER, requestId: 'TWO-1' }), THIRD, 'UnrecognisedDataValue', /several agreements in force cover loans between FR-751131015 and NL-0100030000/);
      for (const agreementId of agreementIds) expect(errorValue).toContain(agreementId);
    });
  });

  it('lists the kept messages only to readers; an unknown loan is 404', async () => {
    expect((await iso.get(`/v1/loans/${randomUUID()}/iso18626`)).status).toBe(404);
    const { messages } = await keptOf(loanId);
    expect(parseIso(messages[0].confirmation).kind).toBe('requestConfirmation');
    // The log itself holds them too, hash-chained, for auditors: GET /v1/streams/iso18626-{loanId}.
    const stream = await iso.get(`/v1/streams/iso18626-${loanId}`);
    expect(stream.status).toBe(200);
    expect(stream.body.events.map((e: { data: { message: string }; hash: string }) => [e.data.message, e.hash.length])).toEqual(messages.map((m) => [m.message, 64]));
    const named = await iso.get(`/v1/events?types=Iso18626SupplierRequestIdNamed&limit=1000`);
    expect(named.body.items.map((e: { streamId: string }) => e.streamId)).toEqual(expect.arrayContaining([expect.stringMatching(/^iso18626-supplier-/)]));
  });
});
