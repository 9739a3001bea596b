import type { DomainEvent } from '../shared/decider';
import type { Isil } from '../shared/isil';

/** The two schema versions the ledger speaks, as the messages' `version` attribute names them. */
export const ISO18626_VERSIONS = ['1.2', '2021-2'] as const;
export type Iso18626Version = (typeof ISO18626_VERSIONS)[number];

/** The three messages that open or carry a transaction; each has its confirmation. */
export type Iso18626MessageKind = 'request' | 'supplyingAgencyMessage' | 'requestingAgencyMessage';

/** The ids a loan is known by on the wire, and the two agencies. */
type Exchange = Readonly<{
  loanId: string;
  lender: Isil;
  borrower: Isil;
  version: Iso18626Version;
  kind: Iso18626MessageKind;
  requestingAgencyRequestId: string;
  supplyingAgencyRequestId?: string;
  /** The message as it came or went, byte for byte (UTF-8), but for a request's patronInfo: the ledger keeps no patron's details. */
  message: string;
}>;

/**
 * A partner's ILL system sent the ledger a message about a loan and was
 * answered `confirmation` (always messageStatus OK: a refused message records
 * nothing). `digest` (SHA-256 of the message's canonical content) recognises a
 * repeat, which is answered with this same confirmation.
 */
export type Iso18626MessageReceived = DomainEvent<'Iso18626MessageReceived', Exchange & {
  from: Isil;
  /** A requestingAgencyMessage's action, so a StatusRequest can be answered without reading the XML again. */
  action?: string;
  digest: string;
  confirmation: string;
  receivedAt: string;
}>;

/**
 * The ledger sent a partner's endpoint the message the standard prescribes for
 * a loan event (`causedBy`), and kept the confirmation it answered.
 */
export type Iso18626MessageSent = DomainEvent<'Iso18626MessageSent', Exchange & {
  to: Isil;
  causedBy: string;
  confirmation: string;
  messageStatus: 'OK' | 'ERROR' | 'UNREADABLE';
  sentAt: string;
}>;

/** The events kept on a loan's `iso18626-{loanId}` stream. */
export type Iso18626Event = Iso18626MessageReceived | Iso18626MessageSent;

/**
 * The supplying agency named its own id for a loan (the first message of its
 * with a supplyingAgencyRequestId): later messages may name the loan by it.
 * Kept on a stream of its own per supplier and id, so one id names one loan.
 */
export type Iso18626SupplierRequestIdNamed = DomainEvent<'Iso18626SupplierRequestIdNamed', {
  loanId: string;
  lender: Isil;
  borrower: Isil;
  supplyingAgencyRequestId: string;
  namedAt: string;
}>;
