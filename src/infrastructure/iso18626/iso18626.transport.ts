import { v5 as uuidv5 } from 'uuid';
import type { Clock } from '../../application/ports/clock.port';
import type { EventStore, RecordedEvent } from '../../application/ports/event-store.port';
import { streams } from '../../application/cooperation/streams';
import type { DeliveryOutcome, DeliveryTarget, DeliveryTransport } from '../../application/subscriptions/delivery/delivery-target';
import type { Iso18626Provenance } from '../../application/commands/command-context';
import { settingsOf } from '../../application/iso18626/iso18626-endpoints.service';
import { outboundFor, type Addressed, type Iso18626Event, type Iso18626MessageReceived, type Iso18626MessageSent } from '../../domain/iso18626';
import { isoStatus, loanDecider, type LoanEvent, type LoanRequested } from '../../domain/loans';
import { fold } from '../../domain/shared/decider';
import type { Isil } from '../../domain/shared/isil';
import type { HttpDestinations } from '../subscriptions/destination-policy';
import { postPayload } from '../subscriptions/http-post';
import { decodeXml } from './iso18626.encoding';
import { readConfirmation, renderOutbound } from './iso18626.xml';

/** Namespace of the ids of the Iso18626MessageSent events (a fixed, random UUID): one per target and loan event, however often it is delivered. */
const NAMESPACE = '5b7d2f8e-9c14-4e3a-b6d0-2a8f1c7e4d93';

/** The supplier's own id for the loan, as the supplyingAgencyMessage that drove a loan event gave it. */
const supplierIdOf = (event: RecordedEvent): string | undefined => (event.metadata.iso18626 as Iso18626Provenance | undefined)?.supplyingAgencyRequestId;

/**
 * The ids a message names its loan by: the requester's, as its messages kept
 * with the loan give it (or the request itself, which may be delivered before
 * the message that made it is kept), else the ledger's loan id; and the
 * supplier's, as its messages kept with the loan give it, else as the loan
 * events its messages drove carry it (delivered, as the request is, before
 * the message that drove them may be kept).
 */
const wireIds = (loanId: string, kept: readonly Iso18626Event[], loanEvents: readonly RecordedEvent[], requested?: LoanRequested) => ({
  requestingAgencyRequestId: kept.find((e) => e.data.requestingAgencyRequestId)?.data.requestingAgencyRequestId ?? requested?.data.requestId ?? loanId,
  supplyingAgencyRequestId: kept.find((e) => e.data.supplyingAgencyRequestId)?.data.supplyingAgencyRequestId ?? loanEvents.map(supplierIdOf).find((id) => id !== undefined),
});

/**
 * A partner's ISO 18626 endpoint as a delivery target: each loan event the
 * partner should hear of becomes the message the standard prescribes, in the
 * partner's version, POSTed with its credentials; the confirmation it answers,
 * read in the encoding it names as messages to the ledger are, is kept with
 * the message on the loan's `iso18626-` stream. An ERROR confirmation is an
 * answer too (kept, not retried); no confirmation at all, or one whose bytes
 * are not text in that encoding, is a failed attempt, retried by the worker.
 */
export class Iso18626Transport implements DeliveryTransport {
  constructor(
    private readonly store: EventStore,
    private readonly destinations: HttpDestinations,
    private readonly clock: Clock,
    private readonly timeoutMs: number,
  ) {}

  async send(target: DeliveryTarget, recorded: RecordedEvent, signal: AbortSignal): Promise<DeliveryOutcome> {
    const event = recorded as unknown as (LoanEvent | Iso18626MessageReceived) & RecordedEvent;
    const partner = target.owner.library as Isil;
    const addressed = (event.type === 'Iso18626MessageReceived' ? await this.statusAnswer(event) : outboundFor(event)).find(({ to }) => event.data[to] === partner);
    if (!addressed) return { ok: true, status: null, error: null, response: 'nothing for this partner to hear of' };
    const { version, authorization } = settingsOf(target);
    const { loanId, lender, borrower } = event.data;
    // Every committed message, durable or not yet: it decides whether this one was sent already, as a command would.
    const kept = (await this.store.readStream(streams.iso18626(loanId))) as unknown as Iso18626Event[];
    const eventId = uuidv5(`${target.id}\n${recorded.eventId}`, NAMESPACE);
    const already = kept.find((e) => (e as unknown as RecordedEvent).eventId === eventId);
    if (already) return { ok: true, status: null, error: null, response: already.data.confirmation };
    // The loan's events are read only while no message kept with it names the supplier's id.
    const loanEvents = kept.some((e) => e.data.supplyingAgencyRequestId) ? [] : await this.store.readStream(streams.loan(loanId));
    const ids = wireIds(loanId, kept, loanEvents, event.type === 'LoanRequested' ? event : undefined);
    const item = addressed.message.kind === 'request' ? (await this.requested(loanId))?.data.item : undefined;
    const now = this.clock.now().toISOString();
    const message = renderOutbound({ version, message: addressed.message, lender, borrower, ...ids, timestamp: now, ...(item ? { item } : {}) });
    const headers: Record<string, string> = {
      'content-type': 'application/xml; charset=utf-8',
      'user-agent': 'resource-sharing-ledger-iso18626',
      ...(authorization ? { authorization } : {}),
    };
    const outcome = await postPayload(target.url, headers, message, {
      timeoutMs: this.timeoutMs, signal, destinations: this.destinations, maxResponseBytes: 65_536, decode: decodeXml,
    });
    if (!outcome.ok || outcome.response === null) return outcome;
    const confirmation = readConfirmation(outcome.response);
    if (confirmation.messageStatus === 'UNREADABLE') return { ...outcome, ok: false, error: 'the endpoint did not answer with an ISO 18626 confirmation' };
    const data: Iso18626MessageSent['data'] = {
      loanId, lender, borrower, version, kind: addressed.message.kind, to: partner, causedBy: recorded.eventId,
      requestingAgencyRequestId: ids.requestingAgencyRequestId,
      ...(ids.supplyingAgencyRequestId ? { supplyingAgencyRequestId: ids.supplyingAgencyRequestId } : {}),
      message, confirmation: outcome.response, messageStatus: confirmation.messageStatus, sentAt: now,
    };
    await this.store.append(streams.iso18626(loanId), [{
      eventId, type: 'Iso18626MessageSent', data,
      metadata: { actor: { role: 'system' }, correlationId: recorded.metadata.correlationId, causationId: recorded.eventId },
    }], 'any');
    return outcome;
  }

  /**
   * A requester's StatusRequest is answered with a supplyingAgencyMessage
   * carrying the loan's current status: of its durable events, as a partner
   * must not be told of one a power cut could still take away.
   */
  private async statusAnswer(event: Iso18626MessageReceived): Promise<Addressed[]> {
    if (event.data.action !== 'StatusRequest') return [];
    const loan = fold(loanDecider, (await this.store.readDurableStream(streams.loan(event.data.loanId))) as unknown as LoanEvent[]);
    if (loan.status === 'none') return [];
    return [{ to: 'borrower', message: { kind: 'supplyingAgencyMessage', reasonForMessage: 'StatusRequestResponse', status: isoStatus(loan), ...(loan.dueOn ? { dueOn: loan.dueOn } : {}) } }];
  }

  private async requested(loanId: string): Promise<LoanRequested | undefined> {
    const [first] = await this.store.readDurableStream(streams.loan(loanId));
    return first?.type === 'LoanRequested' ? (first as unknown as LoanRequested) : undefined;
  }
}
