import { describe, id, instant, isil, text, type EventDescriptions, type JsonSchema } from '../shared/event-schema';
import type { Iso18626Event, Iso18626SupplierRequestIdNamed } from './iso18626.events';

const version: JsonSchema = { type: 'string', enum: ['1.2', '2021-2'] };
const kind: JsonSchema = { type: 'string', enum: ['request', 'supplyingAgencyMessage', 'requestingAgencyMessage'] };
const xml: JsonSchema = { type: 'string', description: 'an ISO 18626 XML message, verbatim but for a request\'s patronInfo, which the ledger never keeps', examples: ['<ISO18626Message …>…</ISO18626Message>'] };
const exchange = { loanId: id, lender: isil, borrower: isil, version, kind, requestingAgencyRequestId: text, message: xml };

export const iso18626EventSchemas: EventDescriptions<Iso18626Event['type'] | Iso18626SupplierRequestIdNamed['type']> = {
  Iso18626MessageReceived: describe(
    'A partner\'s ILL system sent an ISO 18626 message about a loan; kept verbatim (but for a request\'s patronInfo) with the confirmation it was answered.',
    { ...exchange, from: isil, digest: text, confirmation: xml, receivedAt: instant },
    { supplyingAgencyRequestId: text, action: text },
  ),
  Iso18626MessageSent: describe(
    'The ledger sent a partner\'s ISO 18626 endpoint the message for a loan event (causedBy); kept verbatim with the confirmation it answered.',
    { ...exchange, to: isil, causedBy: id, confirmation: text, messageStatus: { type: 'string', enum: ['OK', 'ERROR', 'UNREADABLE'] }, sentAt: instant },
    { supplyingAgencyRequestId: text },
  ),
  Iso18626SupplierRequestIdNamed: describe(
    'The supplying agency named its own id for a loan in an ISO 18626 message; later messages may name the loan by it (one loan per supplier and id).',
    { loanId: id, lender: isil, borrower: isil, supplyingAgencyRequestId: text, namedAt: instant },
  ),
};
