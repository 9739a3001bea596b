"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.balanceMatrix = void 0;
const input_1 = require("../shared/input");
const amount_1 = require("./amount");
const magnitude = (amount) => (amount < 0n ? -amount : amount);
const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
/** Net balance per ordered pair: what a provided to b minus what b provided to a (both directions kept). */
const netPairs = (flows) => {
    const rows = new Map();
    const add = (partner, counterparty, amount) => {
        const row = rows.get(partner) ?? new Map();
        rows.set(partner, row.set(counterparty, (row.get(counterparty) ?? 0n) + amount));
    };
    for (const { provider, receiver, amount } of flows) {
        const scaled = (0, amount_1.parseAmount)(amount);
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
const balanceMatrix = (flows, top) => {
    (0, input_1.requireIntegerBetween)(top, 1, 1000, 'top');
    return [...netPairs(flows)]
        .sort(([a], [b]) => byText(a, b))
        .map(([partner, row]) => {
        const pairs = [...row]
            .filter(([, amount]) => amount !== 0n)
            .sort(([a, x], [b, y]) => (magnitude(y) > magnitude(x) ? 1 : magnitude(y) < magnitude(x) ? -1 : byText(a, b)));
        const rest = pairs.slice(top);
        const sum = (list) => list.reduce((total, [, amount]) => total + amount, 0n);
        return {
            partner,
            balance: (0, amount_1.formatAmount)(sum(pairs)),
            counterparties: pairs.slice(0, top).map(([counterparty, amount]) => ({ counterparty, balance: (0, amount_1.formatAmount)(amount) })),
            rest: { counterparties: rest.length, balance: (0, amount_1.formatAmount)(sum(rest)) },
        };
    });
};
exports.balanceMatrix = balanceMatrix;
//# sourceMappingURL=balance-matrix.js.map