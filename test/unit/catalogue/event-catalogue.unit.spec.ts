import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HTTP, type CloudEvent } from 'cloudevents';
import { CloudEventRenderer } from '../../../src/application/subscriptions/cloud-events';
import type { RecordedEvent } from '../../../src/application/ports/event-store.port';
import { EVENT_CATALOGUE, involvedIsils } from '../../../src/domain/catalogue/event-catalogue';
import { exampleData, renderEventDocs } from '../../../src/infrastructure/subscriptions/event-catalogue.docs';
import { catalogueProblems } from '../../support/event-catalogue';

/** Event ids are unique in the log, and the renderer relies on it: each type gets its own here. */
const recorded = (type: string, data: object, position = '42'): RecordedEvent => ({
  eventId: `event-of-${type}`,
  type,
  streamId: 'loan-6f1c7a52',
  streamVersion: 3,
  position,
  data,
  metadata: { actor: { role: 'coordinator' }, correlationId: 'corr-1', causationId: 'cause-1', recordedAt: '2026-03-02T09:30:00.000Z' },
  prevHash: 'a'.repeat(64),
  hash: 'b'.repeat(64),
});

describe('the event catalogue', () => {
  const renderer = new CloudEventRenderer({ source: 'urn:library-network:test', typePrefix: 'org.example.ledger.' });

  it('has an example of every event type that matches its own schema', () => {
    expect(EVENT_CATALOGUE.length).toBeGreaterThanOrEqual(44);
    expect(EVENT_CATALOGUE.flatMap((entry) => catalogueProblems([{ type: entry.type, data: exampleData(entry) }]))).toEqual([]);
  });

  it('reports an event type without a schema, and data that does not match', () => {
    expect(catalogueProblems([{ type: 'LoanTeleported', data: {} }])).toEqual(['LoanTeleported has no schema in the event catalogue']);
    expect(catalogueProblems([{ type: 'LoanAccepted', data: { loanId: 'l1', lender: 'DE-1', borrower: 'ID-JKPNRI', acceptedAt: 'yesterday' } }])).toEqual([
      expect.stringContaining('acceptedAt'),
    ]);
  });

  it.each(EVENT_CATALOGUE.map((entry) => [entry.type, entry] as const))('renders %s as a valid structured-mode CloudEvent', (type, entry) => {
    const data = exampleData(entry);
    const { json } = renderer.render(recorded(type, data));
    const event = HTTP.toEvent({ headers: { 'content-type': 'application/cloudevents+json' }, body: json }) as CloudEvent<object>;
    expect(event.validate()).toBe(true);
    expect(event).toMatchObject({
      specversion: '1.0',
      id: `event-of-${type}`,
      source: 'urn:library-network:test',
      type: `org.example.ledger.${type}`,
      subject: 'loan-6f1c7a52',
      time: '2026-03-02T09:30:00.000Z',
      data,
      position: '42',
      streamversion: 3,
      hash: 'b'.repeat(64),
      prevhash: 'a'.repeat(64),
      correlationid: 'corr-1',
      causationid: 'cause-1',
      isils: involvedIsils(type, data).join(' '),
    });
  });

  it('names the libraries an event involves, wherever its schema places an ISIL', () => {
    expect(involvedIsils('LoanReportedLost', { loanId: 'l', lender: 'de-1', borrower: 'ID-JKPNRI', reportedBy: 'DE-1', reportedAt: 'x' })).toEqual(['DE-1', 'ID-JKPNRI']);
    expect(
      involvedIsils('AgreementEstablished', { agreementId: 'a', focalPoint: 'DE-1', members: ['DE-1', 'FR-751131015'], subjects: { 'NL-0100030000': ['020'] } }),
    ).toEqual(['DE-1', 'FR-751131015', 'NL-0100030000']);
    expect(involvedIsils('RotationPlanned', { owner: 'DE-1', itinerary: [{ host: 'ID-JKPNRI', days: 3 }], items: [{ itemId: 'DE-1', title: 't' }] })).toEqual([
      'DE-1',
      'ID-JKPNRI',
    ]);
    expect(involvedIsils('LoanTeleported', { lender: 'DE-1' })).toEqual([]);
  });

  it('is what docs/events.md says (regenerate it with `npm run docs:events`)', () => {
    expect(readFileSync(join(__dirname, '../../../docs/events.md'), 'utf8')).toBe(renderEventDocs());
  });
});
