"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SqliteBalanceSums = void 0;
const postings_projection_1 = require("../../application/ledger/postings.projection");
const ledger_1 = require("../../domain/ledger");
const POSTINGS = `rm_${postings_projection_1.POSTINGS_PROJECTION}`;
const cutOf = (cut) => 'position' in cut
    ? { clause: 'position <= @position', params: { position: BigInt(cut.position) } }
    : { clause: 'recorded_at <= @instant', params: { instant: cut.instant } };
/**
 * Balances as SQL sums over `rm_postings`, as they were read before the
 * postings carried running balances: the cost of each grows with the history
 * it sums. SqliteBalances answers with them only for an instant in a ledger
 * whose recorded times are out of log order (which no event store writes);
 * the equivalence tests and bench/queries keep them as the oracle and the
 * baseline.
 *
 * A partner's balance in a unit is what it provided minus what it received:
 * each posting is read once from each side, as provided by its provider and
 * received by its receiver, so a pair and a cut are only WHERE clauses.
 * Amounts are summed as exact 64-bit integers (scaled by 10^4) and read back
 * as bigints, so no sum passes through a floating-point number; they leave
 * as decimal strings. SQLite refuses a sum beyond 2^63 (about 922 trillion
 * units in one balance) with an error rather than a wrong figure.
 */
class SqliteBalanceSums {
    db;
    constructor(db) {
        this.db = db;
    }
    async balances(filter, cut) {
        return this.rawBalances(filter, cut).map(({ provided, received, ...line }) => ({ ...line, balance: (0, ledger_1.formatAmount)(provided - received) }));
    }
    /** The domain's trial balance over the same per-partner sums the balances answer with. */
    async trialBalance(cut) {
        return (0, ledger_1.trialBalanceOf)(this.rawBalances({}, cut));
    }
    async pairFlows(unit, cut, agreementId) {
        const { clause, params } = cutOf(cut);
        const agreement = agreementId === undefined ? '' : 'AND agreement_id = @agreementId';
        const rows = this.query(`SELECT provider, receiver, SUM(amount) AS amount FROM ${POSTINGS}
       WHERE ${clause} AND unit = @unit ${agreement} GROUP BY provider, receiver`, { ...params, unit, ...(agreementId === undefined ? {} : { agreementId }) });
        return rows.map(({ amount, ...pair }) => ({ ...pair, amount: (0, ledger_1.formatAmount)(amount) }));
    }
    /**
     * Each side is summed on its own first, walking its index in (partner,
     * unit) order with the cut and the amount read from the index, then the
     * two small aggregates are merged.
     */
    rawBalances(filter, cut) {
        const { clause, params } = cutOf(cut);
        const bound = { ...params };
        const pair = filter.counterparty !== undefined;
        const side = (self, other) => {
            const where = [clause];
            if (filter.partner !== undefined)
                where.push(`${self} = @partner`);
            if (pair)
                where.push(`${other} = @counterparty`);
            if (filter.unit !== undefined)
                where.push('unit = @unit');
            const [provided, received] = self === 'provider' ? ['SUM(amount)', '0'] : ['0', 'SUM(amount)'];
            return `SELECT ${self} AS partner, ${pair ? `${other} AS counterparty, ` : ''}unit, ${provided} AS provided, ${received} AS received
        FROM ${POSTINGS} WHERE ${where.join(' AND ')} GROUP BY ${self}, ${pair ? `${other}, ` : ''}unit`;
        };
        if (filter.partner !== undefined)
            bound.partner = filter.partner;
        if (pair)
            bound.counterparty = filter.counterparty;
        if (filter.unit !== undefined)
            bound.unit = filter.unit;
        const keys = pair ? 'partner, counterparty, unit' : 'partner, unit';
        return this.query(`SELECT ${keys}, SUM(provided) AS provided, SUM(received) AS received
       FROM (${side('provider', 'receiver')} UNION ALL ${side('receiver', 'provider')})
       GROUP BY ${keys} ORDER BY ${keys}`, bound);
    }
    /**
     * Prepared per call: the read model may be dropped and rebuilt under a
     * cached statement, and preparing costs microseconds against the sum.
     */
    query(sql, params) {
        return this.db.prepare(sql).safeIntegers(true).all(params);
    }
}
exports.SqliteBalanceSums = SqliteBalanceSums;
//# sourceMappingURL=sqlite-balance-sums.js.map