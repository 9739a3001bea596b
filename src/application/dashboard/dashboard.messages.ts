import { Query } from '@nestjs/cqrs';
import type { MatrixRow } from '../../domain/ledger';
import type { BalanceTime } from '../ledger/balance.messages';
import type { BalanceCut } from '../ports/balances.port';

export type BalanceMatrix = Readonly<{
  asOf: BalanceCut;
  unit: string;
  /** The agreement whose postings are summed; absent: the whole network's. */
  agreementId?: string;
  /** How many counterparties each row names before grouping the rest. */
  top: number;
  partners: MatrixRow[];
}>;

/** The partner × partner balances of one unit at a cut, each row's largest counterparties named. */
export class BalanceMatrixQuery extends Query<BalanceMatrix> {
  constructor(
    readonly unit: string,
    readonly top: number,
    readonly time: BalanceTime = {},
    readonly agreementId?: string,
  ) {
    super();
  }
}

/** Loans each partner lent and borrowed in each calendar month of the period (clipped to it). */
export type LendingByMonth = Readonly<{
  agreementId: string;
  from: string;
  to: string;
  goalRatio: number;
  /** YYYY-MM, oldest first; `lent[i]` and `borrowed[i]` count month i. */
  months: string[];
  partners: ReadonlyArray<Readonly<{ isil: string; lent: number[]; borrowed: number[] }>>;
}>;

export class LendingByMonthQuery extends Query<LendingByMonth> {
  constructor(
    readonly agreementId: string,
    readonly from: string,
    readonly to: string,
    readonly minPosition?: string,
  ) {
    super();
  }
}
