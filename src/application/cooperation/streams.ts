/** Stream names, one per consistency boundary (ARCHITECTURE §4). */
export const streams = {
  partner: (isil: string) => `partner-${isil}`,
  agreement: (agreementId: string) => `agreement-${agreementId}`,
  loan: (loanId: string) => `loan-${loanId}`,
  exchange: (exchangeId: string) => `exchange-${exchangeId}`,
  rotation: (rotationId: string) => `rotation-${rotationId}`,
  /** Keyed by the title, so two libraries claiming it at once can never both win. */
  claim: (isbn13: string) => `claim-${isbn13}`,
  service: (serviceId: string) => `service-${serviceId}`,
  holdings: (isil: string) => `holdings-${isil}`,
  /** The ISO 18626 messages of one loan, in and out, kept verbatim for auditors. */
  iso18626: (loanId: string) => `iso18626-${loanId}`,
  /** The loan a supplying agency's own request id names (`key` derived from the agency and the id). */
  iso18626SupplierId: (key: string) => `iso18626-supplier-${key}`,
} as const;
