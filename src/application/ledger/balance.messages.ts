import { Query } from '@nestjs/cqrs';
import type { BalanceCut, BalanceFilter, BalanceLine, TrialBalanceLine } from '../ports/balances.port';
import type { Position } from '../ports/event-store.port';

/**
 * What every balance query may say about time. `asOf` cuts the postings (none
 * given: where the read models are when the query runs, reported back as a
 * position). `minPosition` is read-your-writes: the query first waits until
 * the read models have folded that position (a command's answer gives it).
 */
export type BalanceTime = Readonly<{ asOf?: BalanceCut; minPosition?: Position }>;

export type BalancesAnswer = Readonly<{ asOf: BalanceCut; balances: BalanceLine[] }>;
export type TrialBalanceAnswer = Readonly<{ asOf: BalanceCut; units: TrialBalanceLine[]; balanced: boolean }>;

export class GetBalancesQuery extends Query<BalancesAnswer> {
  constructor(
    readonly filter: BalanceFilter,
    readonly time: BalanceTime = {},
  ) {
    super();
  }
}

export class GetTrialBalanceQuery extends Query<TrialBalanceAnswer> {
  constructor(readonly time: BalanceTime = {}) {
    super();
  }
}
