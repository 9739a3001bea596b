"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.streams = void 0;
/** Stream names, one per consistency boundary (ARCHITECTURE §4). */
exports.streams = {
    partner: (isil) => `partner-${isil}`,
    agreement: (agreementId) => `agreement-${agreementId}`,
    loan: (loanId) => `loan-${loanId}`,
    exchange: (exchangeId) => `exchange-${exchangeId}`,
    rotation: (rotationId) => `rotation-${rotationId}`,
    /** Keyed by the title, so two libraries claiming it at once can never both win. */
    claim: (isbn13) => `claim-${isbn13}`,
    service: (serviceId) => `service-${serviceId}`,
    holdings: (isil) => `holdings-${isil}`,
    /** The ISO 18626 messages of one loan, in and out, kept verbatim for auditors. */
    iso18626: (loanId) => `iso18626-${loanId}`,
    /** The loan a supplying agency's own request id names (`key` derived from the agency and the id). */
    iso18626SupplierId: (key) => `iso18626-supplier-${key}`,
};
//# sourceMappingURL=streams.js.map