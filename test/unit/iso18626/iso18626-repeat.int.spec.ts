import { randomUUID } from 'node:crypto';
import { streams } from '../../../src/application/cooperation/streams';
import { Iso18626InboundService, loanIdOfRequest, type ReceivedMessage } from '../../../src/application/iso18626/iso18626-inbound.service';
import type { Isil } from '../../../src/domain/shared/isil';
import { heldSyncStore } from '../../support/held-sync-store';

const borrower = 'ID-JKPNRI' as Isil;
const lender = 'DE-1' as Isil;
const requestId = 'REQ-42';
const digest = 'a'.repeat(64);
const confirmation = '<ISO18626Message><requestConfirmation/></ISO18626Message>';

/** A request as the XML reader gives it, repeated with the same digest as its first copy. */
const repeat: ReceivedMessage = {
  message: { kind: 'request', header: { requestingAgency: borrower, supplyingAgency: lender, requestingAgencyRequestId: requestId }, item: { title: 'Serat Centhini' } },
  version: '1.2',
  xml: '<ISO18626Message/>',
  digest,
  receivedAt: new Date('2026-12-01T09:00:00Z'),
};
const context = { actor: { role: 'librarian' as const, library: borrower }, correlationId: 'c', causationId: 'c' };
const turns = async (count: number) => {
  for (let i = 0; i < count; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

describe('a repeated ISO 18626 message on the embedded store (WAL synced off the event loop)', () => {
  it("gets the first copy's confirmation only once the record of that copy is on disk", async () => {
    const { store, asked, releaseUntil, close } = heldSyncStore();
    try {
      const loanId = loanIdOfRequest(borrower, requestId);
      // The first copy's record, committed; its sync (and so its own answer) is still held.
      const recorded = store.append(streams.iso18626(loanId), [{
        eventId: randomUUID(),
        type: 'Iso18626MessageReceived',
        data: { loanId, lender, borrower, version: '1.2', kind: 'request', requestingAgencyRequestId: requestId, xml: repeat.xml, from: borrower, digest, confirmation, receivedAt: '2026-12-01T08:59:59.000Z' },
        metadata: context,
      }], 'no_stream');
      await asked();

      // The repeat is answered from the stream: no command runs (none is given to run).
      const service = new Iso18626InboundService(undefined as never, undefined as never, store, { now: () => repeat.receivedAt });
      const answer = { given: false };
      const answered = service.receive(repeat, context, () => 'a new confirmation').then((text) => ((answer.given = true), text));
      await turns(20);
      expect(answer.given).toBe(false);

      // Once the syncs covering the first copy have ended, the repeat gets that copy's confirmation.
      await releaseUntil(recorded);
      expect(await releaseUntil(answered)).toBe(confirmation);
    } finally {
      await close();
    }
  });
});
