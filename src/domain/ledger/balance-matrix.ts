import { requireIntegerBetween } from '../shared/input';
import { formatAmount, parseAmount } from './amount';

/** Everything one partner provided to another in one unit, as the ledger sums it. */
export type PairFlow = Readonly<{ provider: string; receiver: string; amount: string }>;

export type CounterpartyBalance = Readonly<{ counterparty: string; balance: string }>;

/**
 * One row of the partner × partner matrix: the partner's balance with each
 * of its largest counterparties (by magnitude), the rest summed into one
 * group, and its balance with the whole network (the sum of the row).
 */
export type MatrixRow = Readonly<{
  partner: string;
  balance: string;
  counterparties: CounterpartyBalance[];
  rest: Readonly<{ counterparties: number; balance: string }>;
}>;

const magnitude = (amount: bigint): bigint => (amount < 0n ? -amount : amount);
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Net balance per ordered pair: what a provided to b minus what b provided to a (both directions kept). */
const netPairs = (flows: readonly PairFlow[]): Map<string, Map<string, bigint>> => {
  const rows = new Map<string, Map<string, bigint>>();
  const add = (partner: string, counterparty: string, amount: bigint) => {
    const row = rows.get(partner) ?? new Map<string, bigint>();
    rows.set(partner, row.set(counterparty, (row.get(counterparty) ?? 0n) + amount));
  };
  for (const { provider, receiver, amount } of flows) {
    const scaled = parseAmount(amount);
    add(provider, receiver, scaled);
    add(receiver, provider, -scaled);
  }
  return rows;
};

/**
 * The matrix rows, ordered by partner: each row names its `top` largest
 * counterparties (ties by ISIL) and groups the others, so a network of
 * thousands stays readable while every row still sums to the partner's
 * balance. Pairs that net to zero are left out; a partner whose every pair
 * nets to zero keeps its row, at zero.
 */
export const balanceMatrix = (flows: readonly PairFlow[], top: number): MatrixRow[] => {
  requireIntegerBetween(top, 1, 1000, 'top');
  return [...netPairs(flows)]
    .sort(([a], [b]) => byText(a, b))
    .map(([partner, row]) => {
      const pairs = [...row]
        .filter(([, amount]) => amount !== 0n)
        .sort(([a, x], [b, y]) => (magnitude(y) > magnitude(x) ? 1 : magnitude(y) < magnitude(x) ? -1 : byText(a, b)));
      const rest = pairs.slice(top);
      const sum = (list: Array<[string, bigint]>) => list.reduce((total, [, amount]) => total + amount, 0n);
      return {
        partner,
        balance: formatAmount(sum(pairs)),
        counterparties: pairs.slice(0, top).map(([counterparty, amount]) => ({ counterparty, balance: formatAmount(amount) })),
        rest: { counterparties: rest.length, balance: formatAmount(sum(rest)) },
      };
    });
};
