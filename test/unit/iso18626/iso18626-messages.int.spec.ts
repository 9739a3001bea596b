import { outboundFor, ISO18626_VERSIONS, type Addressed, type Iso18626ErrorType, type OutboundMessage } from '../../../src/domain/iso18626';
import type { LoanEvent } from '../../../src/domain/loans';
import type { Isil } from '../../../src/domain/shared/isil';
import { errorTypeOf, schemaErrors } from '../../../src/infrastructure/iso18626/iso18626.schemas';
import { inboundOf, readConfirmation, readMessage, renderConfirmation, renderOutbound } from '../../../src/infrastructure/iso18626/iso18626.xml';

jest.setTimeout(180_000);

const lender = 'DE-1' as Isil;
const borrower = 'ID-JKPNRI' as Isil;
const keys = { loanId: '0b8f3c2e-7a41-4d6b-9a51-3f2d2c1e9b10', lender, borrower, agreementId: 'a' };
const at = '2026-03-02T09:30:00.000Z';

/** One event of every loan event type, both ways a loss is reported. */
const EVENTS: LoanEvent[] = [
  { type: 'LoanRequested', data: { ...keys, item: { title: 'Serat Centhini', isbn: '9786020332956', author: 'Pakubuwana V', publisher: 'Balai Pustaka', year: 1991, note: 'for a reader' }, terms: { loanPeriodDays: 28, maxRenewals: 2 }, requestedAt: at } },
  { type: 'LoanAccepted', data: { ...keys, acceptedAt: at } },
  { type: 'LoanDeclined', data: { ...keys, reason: 'not for loan', declinedAt: at } },
  { type: 'LoanShipped', data: { ...keys, shippedAt: at, dueOn: '2026-03-30' } },
  { type: 'LoanReceived', data: { ...keys, receivedAt: at } },
  { type: 'LoanRenewed', data: { ...keys, renewedAt: at, previousDueOn: '2026-03-30', dueOn: '2026-04-27', renewals: 1 } },
  { type: 'LoanRecalled', data: { ...keys, recalledAt: at, dueOn: '2026-03-20', reason: 'needed here' } },
  { type: 'LoanBecameOverdue', data: { ...keys, dueOn: '2026-03-20', detectedAt: at } },
  { type: 'LoanReturnShipped', data: { ...keys, returnedAt: at } },
  { type: 'LoanCheckedIn', data: { ...keys, checkedInAt: at } },
  { type: 'LoanReportedLost', data: { ...keys, reportedBy: borrower, reportedAt: at, reason: 'fell into the canal' } },
  { type: 'LoanReportedLost', data: { ...keys, reportedBy: lender, reportedAt: at } },
  { type: 'LoanCancelled', data: { ...keys, cancelledBy: borrower, reason: 'found elsewhere', cancelledAt: at } },
];

const ERRORS: Iso18626ErrorType[] = ['UnsupportedActionType', 'UnsupportedReasonForMessageType', 'UnrecognisedDataElement', 'UnrecognisedDataValue', 'BadlyFormedMessage'];

describe.each(ISO18626_VERSIONS)('every message the ledger emits in version %s', (version) => {
  const said = (message: OutboundMessage) =>
    message.kind === 'request' ? 'request' : message.kind === 'supplyingAgencyMessage' ? `${message.reasonForMessage} ${message.status}` : `action ${message.action}`;
  // What the ledger answers a StatusRequest with, beside what loan events send.
  const statusAnswer: Addressed = { to: 'borrower', message: { kind: 'supplyingAgencyMessage', reasonForMessage: 'StatusRequestResponse', status: 'Loaned', dueOn: '2026-03-30' } };
  const addressed = [...EVENTS.map((event) => ({ type: event.type, list: outboundFor(event) })), { type: 'StatusRequest', list: [statusAnswer] }];
  const outbound = addressed.flatMap(({ type, list }) => list.map(({ to, message }) => ({
    name: `${type} → ${to}: ${said(message)}`,
    xml: renderOutbound({ version, message, lender, borrower, requestingAgencyRequestId: keys.loanId, supplyingAgencyRequestId: 'SUP-1', timestamp: at, ...(message.kind === 'request' ? { item: (EVENTS[0] as Extract<LoanEvent, { type: 'LoanRequested' }>).data.item } : {}) }),
  })));

  it('sends a message for every loan event, to the other party', () => {
    expect(outbound.map((m) => m.name)).toEqual([
      'LoanRequested → lender: request',
      'LoanAccepted → borrower: RequestResponse WillSupply',
      'LoanDeclined → borrower: RequestResponse Unfilled',
      'LoanShipped → borrower: StatusChange Loaned',
      'LoanReceived → lender: action Received',
      'LoanRenewed → lender: action Renew',
      'LoanRenewed → borrower: RenewResponse Loaned',
      'LoanRecalled → borrower: StatusChange Recalled',
      'LoanBecameOverdue → borrower: StatusChange Overdue',
      'LoanReturnShipped → lender: action ShippedReturn',
      'LoanCheckedIn → borrower: StatusChange LoanCompleted',
      'LoanReportedLost → lender: action Lost',
      'LoanReportedLost → borrower: StatusChange CompletedWithoutReturn',
      'LoanCancelled → lender: action Cancel',
      'LoanCancelled → borrower: CancelResponse Cancelled',
      'StatusRequest → borrower: StatusRequestResponse Loaned',
    ]);
  });

  it('validates every message against the XSD, and reads back what it says', async () => {
    for (const { name, xml } of outbound) {
      expect({ name, errors: await schemaErrors(xml, version) }).toEqual({ name, errors: [] });
      const read = readMessage(xml);
      expect(read.version).toBe(version);
      // 1.2 has no action Lost: a loss goes as a Notification that says so.
      if (version === '1.2' && name.includes('action Lost')) expect(read.body).toMatchObject({ action: 'Notification', note: 'Lost: fell into the canal' });
      expect(inboundOf(read).header).toMatchObject({ requestingAgency: borrower, supplyingAgency: lender, requestingAgencyRequestId: keys.loanId });
    }
  });

  it('leaves out what XML cannot carry (an event written before the API refused control characters), so the message is still XML', async () => {
    const title = 'Babad \u0000Tanah\u0001 Jawi\u001f \uFFFE\uFFFF\uD800\uDC00\uDFFF\t𝔍awa é';
    const xml = renderOutbound({
      version, message: { kind: 'request' }, lender, borrower, requestingAgencyRequestId: keys.loanId, timestamp: at,
      item: { title, author: 'Olthof\u0007', note: 'a\u0008b' },
    });
    expect(await schemaErrors(xml, version)).toEqual([]);
    const read = readMessage(xml);
    expect(inboundOf(read)).toMatchObject({ item: { title: 'Babad Tanah Jawi \uD800\uDC00\t𝔍awa é', author: 'Olthof' } });
    expect(read.body.serviceInfo).toMatchObject({ note: 'ab' });
    const note = 'fell into the \u0002canal';
    const lost = renderOutbound({ version, message: { kind: 'requestingAgencyMessage', action: 'Lost', note }, lender, borrower, requestingAgencyRequestId: keys.loanId, timestamp: at });
    expect(await schemaErrors(lost, version)).toEqual([]);
  });

  it('validates every confirmation, OK and with each error type, against the XSD', async () => {
    const header = { requestingAgency: borrower, supplyingAgency: lender, requestingAgencyRequestId: keys.loanId };
    const cases = [
      ...(['request', 'supplyingAgencyMessage', 'requestingAgencyMessage'] as const).map((kind) => ({ kind, echo: kind === 'supplyingAgencyMessage' ? 'StatusChange' : kind === 'requestingAgencyMessage' ? 'Received' : undefined })),
      ...ERRORS.map((errorType) => ({ kind: 'supplyingAgencyMessage' as const, echo: 'NotAReason', error: { errorType, errorValue: `refused: ${errorType}` } })),
      { kind: undefined, echo: undefined, error: { errorType: 'BadlyFormedMessage' as const, errorValue: 'not XML' } },
    ];
    for (const fields of cases) {
      const xml = renderConfirmation({ version, header, timestamp: at, timestampReceived: at, ...fields });
      expect({ fields, errors: await schemaErrors(xml, version) }).toEqual({ fields, errors: [] });
      expect(readConfirmation(xml).messageStatus).toBe('error' in fields ? 'ERROR' : 'OK');
    }
  });
});

describe('what the XSD finds, as the standard\'s error types', () => {
  const message = (version: (typeof ISO18626_VERSIONS)[number], said: OutboundMessage) =>
    renderOutbound({ version, message: said, lender, borrower, requestingAgencyRequestId: keys.loanId, supplyingAgencyRequestId: 'SUP-1', timestamp: at });
  const received = (version: (typeof ISO18626_VERSIONS)[number]) => message(version, { kind: 'requestingAgencyMessage', action: 'Received' });
  const loaned = (version: (typeof ISO18626_VERSIONS)[number]) => message(version, { kind: 'supplyingAgencyMessage', reasonForMessage: 'StatusChange', status: 'Loaned' });

  it.each([
    ['1.2', 'the 2021 action Lost', received('1.2').replace('<action>Received', '<action>Lost'), 'UnsupportedActionType', /'Lost' is not an element of the set/],
    ['2021-2', 'an action no version has', received('2021-2').replace('<action>Received', '<action>Borrow'), 'UnsupportedActionType', /'Borrow'/],
    ['1.2', 'a reasonForMessage the schema does not know', loaned('1.2').replace('<reasonForMessage>StatusChange', '<reasonForMessage>Gossip'), 'UnsupportedReasonForMessageType', /'Gossip'/],
    ['2021-2', 'an element the schema does not know', received('2021-2').replace('<action>', '<colour>red</colour><action>'), 'UnrecognisedDataElement', /Element 'colour': This element is not expected/],
    ['1.2', 'a status the schema does not know', loaned('1.2').replace('<status>Loaned', '<status>Lent'), 'UnrecognisedDataValue', /'Lent'/],
    ['2021-2', 'a timestamp that is no dateTime', received('2021-2').replace(/<timestamp>[^<]*</, '<timestamp>yesterday<'), 'UnrecognisedDataValue', /'yesterday' is not a valid value/],
    ['1.2', 'a required element missing', received('1.2').replace(/<action>[^<]*<\/action>/, ''), 'BadlyFormedMessage', /Missing child element/],
    ['2021-2', 'another root element', received('2021-2').replace(/ISO18626Message/g, 'Message'), 'BadlyFormedMessage', /No matching global declaration/],
    ['1.2', 'a namespace prefix never declared', received('1.2').replace('<action>Received</action>', '<x:action>Received</x:action>'), 'BadlyFormedMessage', /Namespace prefix x/],
  ] as const)('%s: %s is %s', async (version, _what, xml, errorType, finding) => {
    const errors = await schemaErrors(xml, version);
    expect(errors[0]).toMatch(finding);
    expect(errorTypeOf(errors[0])).toBe(errorType);
  });

  it('checks the text it is given, decoded already, whatever encoding the declaration names', async () => {
    const xml = received('1.2').replace('encoding="UTF-8"', 'encoding="US-ASCII"').replace('<action>Received</action>', '<action>Received</action><note>Café</note>');
    expect(await schemaErrors(xml, '1.2')).toEqual([]);
  });

  it('checks messages side by side, each against its own version\'s schema', async () => {
    const [in12, in2021] = await Promise.all([
      schemaErrors(received('1.2').replace('<action>Received', '<action>Lost'), '1.2'),
      schemaErrors(received('2021-2').replace('<action>Received', '<action>Lost'), '2021-2'),
    ]);
    expect(in12.map(errorTypeOf)).toEqual(['UnsupportedActionType']);
    expect(in2021).toEqual([]);
  });
});
