import type { PairFlow, TrialBalanceLine } from '../../domain/ledger';
import type { Position } from './event-store.port';

/**
 * Where a balance is cut: every posting at or before a global position of the
 * log, or every posting recorded at or before an instant (ISO 8601, UTC, as
 * `toISOString` writes it). The two differ: positions follow the order of
 * appends, instants the clocks of the commands.
 */
export type BalanceCut = Readonly<{ position: Position }> | Readonly<{ instant: string }>;

export type BalanceFilter = Readonly<{
  /** Upper-cased ISIL: only this partner's balances. */
  partner?: string;
  /** Upper-cased ISIL: only what passed between each partner and this one, reported per pair. */
  counterparty?: string;
  /** A ledger unit: 'loan', 'exchange-item', 'rotation-item', 'money:EUR', 'service:cataloguing'… */
  unit?: string;
}>;

/**
 * One balance: provided minus received, as an exact decimal string. Positive:
 * the network (or the counterparty) owes the partner; negative: the partner owes.
 */
export type BalanceLine = Readonly<{ partner: string; counterparty?: string; unit: string; balance: string }>;

export type { TrialBalanceLine } from '../../domain/ledger';

/** Sums over the postings read model; balances by partner, pair and unit, at any cut. */
export interface BalancesQueries {
  /** Per partner (and counterparty, when the filter names one) and unit, ordered by them. */
  balances(filter: BalanceFilter, cut: BalanceCut): Promise<BalanceLine[]>;
  /** Per unit, ordered by unit. */
  trialBalance(cut: BalanceCut): Promise<TrialBalanceLine[]>;
  /** What each partner provided to each other in one unit, up to the cut; only postings under `agreementId` when given. */
  pairFlows(unit: string, cut: BalanceCut, agreementId?: string): Promise<PairFlow[]>;
}

export const BALANCES = Symbol('BalancesQueries');
