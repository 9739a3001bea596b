import { Inject, Injectable } from '@nestjs/common';
import type { Iso18626Event } from '../../domain/iso18626';
import { LoanNotFound } from '../../domain/loans';
import { streams } from '../cooperation/streams';
import { EVENT_STORE, type EventStore, type Position } from '../ports/event-store.port';
import { ProjectionRunner } from '../projections/projection-runner';
import { readModelsAt } from '../projections/read-models-behind';

/** One message as auditors read it: which way it went, verbatim, with the confirmation it got. */
export type KeptMessage = Readonly<{
  direction: 'in' | 'out';
  eventId: string;
  position: string;
  recordedAt: string;
  kind: string;
  version: string;
  /** The partner that sent it (in) or received it (out). */
  partner: string;
  message: string;
  confirmation: string;
  messageStatus: string;
  /** For a message out: the loan event it told of. */
  causedBy?: string;
}>;

export type LoanMessages = Readonly<{
  loanId: string;
  /** The ids the loan is known by on the wire: the requester's (the loan id when it was requested over the JSON API) and the supplier's. */
  requestingAgencyRequestId: string | null;
  supplyingAgencyRequestId: string | null;
  messages: KeptMessage[];
}>;

/** The ISO 18626 messages of a loan, read from its `iso18626-` stream (always current). */
@Injectable()
export class Iso18626Exchanges {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
  ) {}

  /** `minPosition` is taken as by every query (the messages themselves are read from the log, current already). */
  async of(loanId: string, minPosition?: Position): Promise<LoanMessages> {
    await readModelsAt(this.runner, minPosition);
    const [loan, kept] = await Promise.all([this.store.readDurableStream(streams.loan(loanId)), this.store.readDurableStream(streams.iso18626(loanId))]);
    if (loan.length === 0) throw new LoanNotFound(loanId);
    const events = kept as unknown as ReadonlyArray<Iso18626Event & { eventId: string; position: string; metadata: { recordedAt: string } }>;
    const messages = events.map((event): KeptMessage => {
      const common = {
        eventId: event.eventId, position: event.position, recordedAt: event.metadata.recordedAt,
        kind: event.data.kind, version: event.data.version, message: event.data.message, confirmation: event.data.confirmation,
      };
      return event.type === 'Iso18626MessageReceived'
        ? { direction: 'in', ...common, partner: event.data.from, messageStatus: 'OK' }
        : { direction: 'out', ...common, partner: event.data.to, messageStatus: event.data.messageStatus, causedBy: event.data.causedBy };
    });
    const requestingAgencyRequestId = events.find((e) => e.data.requestingAgencyRequestId)?.data.requestingAgencyRequestId ?? (events.length === 0 ? loanId : null);
    const supplyingAgencyRequestId = events.find((e) => e.data.supplyingAgencyRequestId)?.data.supplyingAgencyRequestId ?? null;
    return { loanId, requestingAgencyRequestId, supplyingAgencyRequestId, messages };
  }
}
