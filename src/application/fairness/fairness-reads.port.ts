import type { PartnerPeriodCounts } from '../../domain/ledger';
import type { AgreementFacts } from '../../domain/shared/cooperation';

/** A half-open span of recorded time, [from, to), as ISO 8601 instants (the report's are whole UTC days: midnight to midnight). */
export type Period = Readonly<{ from: string; to: string }>;

/** One partner's counts in one agreement and period, as gathered from the fact rows (holdings apart). */
export type GatheredCounts = Omit<PartnerPeriodCounts, 'isil' | 'holdings'>;

/** Loans shipped by and to one partner under one agreement. */
export type LoanTally = Readonly<{ agreementId: string; isil: string; lent: number; borrowed: number }>;

/**
 * What the fairness report and the lender suggestion read. The adapter only
 * gathers counts from the read models; every judgement (ratios, scores,
 * quantiles, Gini, ranking) is made by the domain's fairness functions.
 */
export interface FairnessReads {
  /**
   * Per partner (upper-case ISIL) with any fact in the agreement and period:
   * loans lent and borrowed (shipped in the period), requests received in the
   * period and how many of them were accepted before its end, and how many
   * the borrower cancelled before the lender answered, before its end
   * (withdrawn), the turnarounds
   * of the loans it shipped as a histogram, its exchange-item balance at the end of the
   * period, claims fulfilled and lapsed, service units given and received.
   */
  periodCounts(agreementId: string, period: Period): Promise<Map<string, GatheredCounts>>;

  /** Titles each library holds now; libraries holding nothing are left out. */
  holdingsCounts(isils: readonly string[]): Promise<Record<string, number>>;

  /** Agreements not terminated that cover loans and list `isil` among their current members. */
  loanAgreementsOf(isil: string): Promise<AgreementFacts[]>;

  /** Loans shipped since `since` under the given agreements, per agreement and partner, for the given partners. */
  loanTallies(agreementIds: readonly string[], isils: readonly string[], since: string): Promise<LoanTally[]>;
}

export const FAIRNESS_READS = Symbol('FairnessReads');
