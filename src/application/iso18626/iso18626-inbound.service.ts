import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import {
  Iso18626Refusal, speakerOf, stepsFor,
  type InboundMessage, type InboundRequest, type Iso18626Event, type Iso18626MessageReceived, type Iso18626SupplierRequestIdNamed, type Iso18626Version,
} from '../../domain/iso18626';
import { loanDecider, type ExistingLoan, type LoanEvent } from '../../domain/loans';
import { fold } from '../../domain/shared/decider';
import { DomainError } from '../../domain/shared/errors';
import { isIsil, normalIsil, type Isil } from '../../domain/shared/isil';
import type { CommandContext } from '../commands/command-context';
import { commandIds } from '../commands/command-ids';
import { CooperationFacts } from '../cooperation/cooperation-facts';
import { streams } from '../cooperation/streams';
import { LoanStepMessage, RequestLoanMessage } from '../loans/loan.messages';
import { CLOCK, type Clock } from '../ports/clock.port';
import { ConcurrencyError, DuplicateEventError, EVENT_STORE, type EventStore } from '../ports/event-store.port';

/** Namespace of the ids derived for ISO 18626 transactions and messages (a fixed, random UUID). */
const NAMESPACE = '8e0c6d3a-2f4b-4c71-9a5e-d1b7c3f9e260';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The seed of a loan requested over ISO 18626: the requester and its request
 * id, so the loan's id follows from them and a later message naming them finds it.
 */
const requestSeed = (requester: Isil, requestId: string) => sha256(`iso18626\n${requester}\n${requestId}`);
export const loanIdOfRequest = (requester: Isil, requestId: string): string =>
  commandIds({ next: () => '' }, requestSeed(requester, requestId)).aggregateId();

/** The key of the stream that names a loan by a supplier's own request id. */
const supplierIdKey = (supplier: Isil, requestId: string): string => uuidv5(`supplier\n${supplier}\n${requestId}`, NAMESPACE);

/** A message as the transport read it: what it says, verbatim, and how to confirm it. */
export type ReceivedMessage = Readonly<{
  message: InboundMessage;
  version: Iso18626Version;
  /** The message as it came, but for a request's patronInfo, which the transport leaves out: the ledger keeps no patron's details. */
  xml: string;
  /** SHA-256 of the message's canonical content: the same for a repeat. */
  digest: string;
  receivedAt: Date;
}>;

/** Renders the OK confirmation of the message: rendering is the transport's, the decision to confirm is here. */
export type ConfirmOk = () => string;

const refuseValue = (what: string, why: string) => new Iso18626Refusal('UnrecognisedDataValue', `${what}: ${why}`);

const namesAnotherLoan = (lender: Isil, supplierRequestId: string) =>
  refuseValue(`supplyingAgencyRequestId ${supplierRequestId}`, `${lender} already names another loan by this id`);

const isilOf = (value: string | undefined, element: string): Isil => {
  if (value === undefined || !isIsil(value)) throw refuseValue(`${element} ${value ?? '(none)'}`, 'not an ISIL (ISO 15511)');
  return normalIsil(value);
};

/**
 * ISO 18626 in: a partner's ILL system drives its loans with the standard's
 * messages. Each is checked against the key (the speaking agency must be the
 * key's library), mapped to the loan commands, and kept verbatim with its
 * confirmation on the loan's `iso18626-` stream. A repeat is answered with
 * the first confirmation and records nothing.
 */
@Injectable()
export class Iso18626InboundService {
  constructor(
    private readonly commands: CommandBus,
    private readonly facts: CooperationFacts,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async receive(received: ReceivedMessage, context: CommandContext, confirm: ConfirmOk): Promise<string> {
    const { message } = received;
    const speaker = speakerOf(message);
    const library = context.actor.library;
    if (context.actor.role !== 'librarian' || library === undefined) {
      throw refuseValue(speaker.element, 'ISO 18626 messages are sent with a librarian key bound to the agency that speaks');
    }
    if (speaker.agency === undefined || normalIsil(speaker.agency) !== library) {
      throw refuseValue(`${speaker.element} ${speaker.agency ?? '(none)'}`, `this key acts for ${library} only`);
    }
    const borrower = isilOf(message.header.requestingAgency, 'requestingAgencyId');
    const lender = isilOf(message.header.supplyingAgency, 'supplyingAgencyId');
    const { requestingAgencyRequestId, supplyingAgencyRequestId } = message.header;
    const loanId = message.kind === 'request'
      ? loanIdOfRequest(borrower, requestingAgencyRequestId)
      : await this.loanNamed(borrower, lender, requestingAgencyRequestId, supplyingAgencyRequestId);

    const kept = await this.keptAnswer(loanId, received.digest);
    if (kept !== null) return kept;
    // The supplier's own id names one loan only: claimed once the message's steps are decided, before they are
    // written (act), so of two messages naming it for two loans one is refused and writes nothing. The loan
    // events the message drives carry it in their metadata, as they may be relayed before the message is kept.
    const naming = message.kind === 'supplyingAgencyMessage' && supplyingAgencyRequestId !== undefined
      ? await this.supplierIdToName(lender, supplyingAgencyRequestId, loanId)
      : undefined;
    const claim = naming === undefined
      ? undefined
      : () => this.nameSupplierId(naming, { loanId, lender, borrower, supplyingAgencyRequestId: supplyingAgencyRequestId!, namedAt: received.receivedAt.toISOString() }, context);
    if (message.kind === 'request') await this.request(message, borrower, lender, context);
    else await this.act(message, await this.loan(loanId), received.digest, context, claim);
    return this.keep(loanId, borrower, lender, received, confirm(), context);
  }

  /**
   * The loan a later message names: by the requester's request id, or the
   * ledger's own loan id, else by the supplier's own request id.
   */
  private async loanNamed(borrower: Isil, lender: Isil, requestId: string, supplierRequestId: string | undefined): Promise<string> {
    const candidates = [loanIdOfRequest(borrower, requestId), ...(UUID.test(requestId) ? [requestId.toLowerCase()] : [])];
    if (supplierRequestId !== undefined) {
      const [named] = (await this.store.readStream(streams.iso18626SupplierId(supplierIdKey(lender, supplierRequestId)))) as unknown as Iso18626SupplierRequestIdNamed[];
      if (named) candidates.push(named.data.loanId);
    }
    for (const loanId of candidates) {
      const loan = fold(loanDecider, (await this.store.readStream(streams.loan(loanId))) as unknown as LoanEvent[]);
      if (loan.status !== 'none' && loan.borrower === borrower && loan.lender === lender) return loanId;
    }
    throw refuseValue(
      `requestingAgencyRequestId ${requestId}`,
      `no loan from ${lender} to ${borrower} has this id${supplierRequestId !== undefined ? `, nor supplyingAgencyRequestId ${supplierRequestId}` : ''}`,
    );
  }

  /** The stream that will name the loan by the supplier's id, when it names none yet; a refusal when it names another loan. */
  private async supplierIdToName(lender: Isil, supplierRequestId: string, loanId: string): Promise<string | undefined> {
    const stream = streams.iso18626SupplierId(supplierIdKey(lender, supplierRequestId));
    const [named] = (await this.store.readStream(stream)) as unknown as Iso18626SupplierRequestIdNamed[];
    if (named === undefined) return stream;
    if (named.data.loanId !== loanId) {
      throw namesAnotherLoan(lender, supplierRequestId);
    }
    return undefined;
  }

  /**
   * Names the loan by the supplier's id: only the first append to the stream
   * can. One that lost to a message naming another loan is refused; one that
   * finds this loan named already (a retry of its command) is done.
   */
  private async nameSupplierId(stream: string, data: Iso18626SupplierRequestIdNamed['data'], context: CommandContext): Promise<void> {
    try {
      await this.store.append(stream, [{
        // The store answers an append of ids it holds as done: the id names the loan too, so naming another is no such append.
        eventId: uuidv5(`supplier-id\n${stream}\n${data.loanId}`, NAMESPACE),
        type: 'Iso18626SupplierRequestIdNamed',
        data,
        metadata: { actor: context.actor, correlationId: context.correlationId, causationId: context.causationId },
      }], 'no_stream');
    } catch (error) {
      if (!(error instanceof ConcurrencyError) && !(error instanceof DuplicateEventError)) throw error;
      const [named] = (await this.store.readStream(stream)) as unknown as Iso18626SupplierRequestIdNamed[];
      if (named?.data.loanId !== data.loanId) {
        throw namesAnotherLoan(data.lender, data.supplyingAgencyRequestId);
      }
    }
  }

  private async loan(loanId: string): Promise<ExistingLoan> {
    const loan = fold(loanDecider, (await this.store.readStream(streams.loan(loanId))) as unknown as LoanEvent[]);
    if (loan.status === 'none') throw refuseValue('requestingAgencyRequestId', 'no such loan');
    return loan;
  }

  /**
   * The confirmation a message with this digest was answered, when the loan's
   * stream keeps one. A repeat can come while the first copy's record still
   * waits for its sync: it is answered, as the first copy is, only once that
   * record is on disk.
   */
  private async keptAnswer(loanId: string, digest: string): Promise<string | null> {
    const events = (await this.store.readStream(streams.iso18626(loanId))) as unknown as Iso18626Event[];
    const kept = events.find((event): event is Iso18626MessageReceived => event.type === 'Iso18626MessageReceived' && event.data.digest === digest);
    if (kept === undefined) return null;
    await this.store.durable();
    return kept.data.confirmation;
  }

  private async request(message: InboundRequest, borrower: Isil, lender: Isil, context: CommandContext): Promise<void> {
    const requestId = message.header.requestingAgencyRequestId;
    if (message.serviceType !== undefined && message.serviceType !== 'Loan' && message.serviceType !== 'CopyOrLoan') {
      throw refuseValue(`serviceType ${message.serviceType}`, 'the ledger records loans: send Loan or CopyOrLoan');
    }
    const loanId = loanIdOfRequest(borrower, requestId);
    const existing = await this.store.readStream(streams.loan(loanId));
    if (existing.length > 0) throw refuseValue(`requestingAgencyRequestId ${requestId}`, `${borrower} has already sent another request with this id`);
    const agreements = await this.facts.agreementsCovering('loans', [borrower, lender], this.clock.now());
    if (agreements.length !== 1) {
      throw refuseValue(
        `supplyingAgencyId ${lender}`,
        agreements.length === 0
          ? `no agreement in force covers loans between ${borrower} and ${lender}`
          : `several agreements in force cover loans between ${borrower} and ${lender} (${agreements.map((a) => a.agreementId).join(', ')}); request the loan over the JSON API naming one`,
      );
    }
    await this.run(new RequestLoanMessage(
      // The requester's id goes with the fact: the lender's endpoint may hear of the request before this message is kept.
      { lender, agreementId: agreements[0].agreementId, item: message.item, requestId },
      { ...context, idempotencySeed: requestSeed(borrower, requestId) },
    ));
  }

  /**
   * Runs the loan commands the message maps to, as one: decided in turn and
   * written in one append, or refused and nothing written (a Loaned on a loan
   * only requested is accepted and shipped, or neither). A supplier's own id
   * goes with them, into the metadata of the events they write: the
   * requester's endpoint may hear of those before this message is kept with
   * the loan. `claim`, when given, is granted before they are written.
   */
  private async act(message: Exclude<InboundMessage, InboundRequest>, loan: ExistingLoan, digest: string, context: CommandContext, claim?: () => Promise<void>): Promise<void> {
    const supplierRequestId = message.kind === 'supplyingAgencyMessage' ? message.header.supplyingAgencyRequestId : undefined;
    const provenance = supplierRequestId === undefined ? {} : { iso18626: { supplyingAgencyRequestId: supplierRequestId } };
    const [first, ...then] = stepsFor(message, loan);
    if (first === undefined) return claim?.();
    // The seed the first step had when each step was written on its own: a message recorded then is still recognised.
    const idempotencySeed = sha256(`iso18626\n${loan.loanId}\n${digest}\n0`);
    await this.run(new LoanStepMessage([first, ...then], { ...context, ...provenance, idempotencySeed }, claim === undefined ? {} : { beforeWriting: claim }));
  }

  /** A rule the loan refuses becomes the message's error: UnrecognisedDataValue naming what was refused. */
  private async run(command: RequestLoanMessage | LoanStepMessage): Promise<void> {
    try {
      await this.commands.execute(command);
    } catch (error) {
      if (error instanceof DomainError && !(error instanceof Iso18626Refusal)) {
        throw refuseValue(error.field ?? error.code, error.message);
      }
      throw error;
    }
  }

  /** Keeps the message and its confirmation on the loan; a repeat that raced this one is answered as it was. */
  private async keep(loanId: string, borrower: Isil, lender: Isil, received: ReceivedMessage, confirmation: string, context: CommandContext): Promise<string> {
    const { message, version, xml, digest } = received;
    const { requestingAgencyRequestId, supplyingAgencyRequestId } = message.header;
    const data: Iso18626MessageReceived['data'] = {
      loanId, lender, borrower, version, kind: message.kind, from: context.actor.library as Isil,
      requestingAgencyRequestId, ...(supplyingAgencyRequestId ? { supplyingAgencyRequestId } : {}),
      ...(message.kind === 'requestingAgencyMessage' ? { action: message.action } : {}),
      digest, message: xml, confirmation, receivedAt: received.receivedAt.toISOString(),
    };
    try {
      await this.store.append(streams.iso18626(loanId), [{
        eventId: uuidv5(`received\n${loanId}\n${digest}`, NAMESPACE),
        type: 'Iso18626MessageReceived',
        data,
        metadata: { actor: context.actor, correlationId: context.correlationId, causationId: context.causationId },
      }], 'any');
      return confirmation;
    } catch (error) {
      if (!(error instanceof DuplicateEventError)) throw error;
      return (await this.keptAnswer(loanId, digest)) ?? confirmation;
    }
  }
}
