"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.iso18626EventSchemas = void 0;
const event_schema_1 = require("../shared/event-schema");
const version = { type: 'string', enum: ['1.2', '2021-2'] };
const kind = { type: 'string', enum: ['request', 'supplyingAgencyMessage', 'requestingAgencyMessage'] };
const xml = { type: 'string', description: 'an ISO 18626 XML message, verbatim', examples: ['<ISO18626Message …>…</ISO18626Message>'] };
const exchange = { loanId: event_schema_1.id, lender: event_schema_1.isil, borrower: event_schema_1.isil, version, kind, requestingAgencyRequestId: event_schema_1.text, message: xml };
exports.iso18626EventSchemas = {
    Iso18626MessageReceived: (0, event_schema_1.describe)('A partner\'s ILL system sent an ISO 18626 message about a loan; kept verbatim with the confirmation it was answered.', { ...exchange, from: event_schema_1.isil, digest: event_schema_1.text, confirmation: xml, receivedAt: event_schema_1.instant }, { supplyingAgencyRequestId: event_schema_1.text, action: event_schema_1.text }),
    Iso18626MessageSent: (0, event_schema_1.describe)('The ledger sent a partner\'s ISO 18626 endpoint the message for a loan event (causedBy); kept verbatim with the confirmation it answered.', { ...exchange, to: event_schema_1.isil, causedBy: event_schema_1.id, confirmation: event_schema_1.text, messageStatus: { type: 'string', enum: ['OK', 'ERROR', 'UNREADABLE'] }, sentAt: event_schema_1.instant }, { supplyingAgencyRequestId: event_schema_1.text }),
    Iso18626SupplierRequestIdNamed: (0, event_schema_1.describe)('The supplying agency named its own id for a loan in an ISO 18626 message; later messages may name the loan by it (one loan per supplier and id).', { loanId: event_schema_1.id, lender: event_schema_1.isil, borrower: event_schema_1.isil, supplyingAgencyRequestId: event_schema_1.text, namedAt: event_schema_1.instant }),
};
//# sourceMappingURL=iso18626.schemas.js.map