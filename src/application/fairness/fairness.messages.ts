import { Query } from '@nestjs/cqrs';
import type { NetworkTotals, PartnerFairness } from '../../domain/ledger';
import type { Position } from '../ports/event-store.port';

/** One partner's line of the report: the domain's figures, its holdings and whether it is a member now. */
export type PartnerLine = PartnerFairness & {
  /** False for a partner that has withdrawn but has facts in the period. */
  member: boolean;
  /** Titles it holds now: the denominator of its lending load in the Gini. */
  holdings: number;
};

export type FairnessReport = Readonly<{
  agreementId: string;
  /** YYYY-MM-DD, inclusive on both ends (UTC days, by the time each fact was recorded). */
  from: string;
  to: string;
  goalRatio: number;
  partners: PartnerLine[];
  network: Readonly<{
    giniOfLendingLoad: number | null;
    furthestFromGoal: ReadonlyArray<Pick<PartnerFairness, 'isil' | 'loadLevellingScore' | 'ratio' | 'goalRatio' | 'distanceFromGoal'>>;
    totals: NetworkTotals;
  }>;
}>;

/** The fairness report of one agreement over whole UTC days `from`..`to`. */
export class FairnessReportQuery extends Query<FairnessReport> {
  constructor(
    readonly agreementId: string,
    readonly from: string,
    readonly to: string,
    readonly minPosition?: Position,
  ) {
    super();
  }
}

/** One agreement's part of a candidate's score. */
export type ScorePart = Readonly<{ agreementId: string; goalRatio: number; lent: number; borrowed: number; score: number }>;

export type LenderSuggestion = Readonly<{
  rank: number;
  isil: string;
  loadLevellingScore: number;
  loansLent: number;
  loansBorrowed: number;
  /** The agreements it shares with the borrower that cover loans, and what each adds to the score. */
  agreements: ScorePart[];
  /** Why it ranks where it does, in words. */
  reason: string;
}>;

export type ExclusionReason = 'is-the-borrower' | 'suspended' | 'left' | 'unregistered' | 'no-shared-loan-agreement';

export type LenderSuggestions = Readonly<{
  isbn: string;
  borrower: string;
  /** The window the scores count loans over: the 365 days up to now. */
  since: string;
  until: string;
  suggestions: LenderSuggestion[];
  /** Holders of the title that are not suggested, and why. */
  excluded: ReadonlyArray<{ isil: string; reason: ExclusionReason }>;
}>;

/** Who should lend this title to this borrower next. */
export class SuggestLendersQuery extends Query<LenderSuggestions> {
  constructor(
    readonly isbn: string,
    readonly borrower: string,
    readonly minPosition?: Position,
  ) {
    super();
  }
}
