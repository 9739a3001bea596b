"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PgBalanceSums = void 0;
const postings_projection_1 = require("../../../application/ledger/postings.projection");
const ledger_1 = require("../../../domain/ledger");
const pg_migrations_1 = require("../../event-store/postgres/pg-migrations");
/** Parameters numbered as they are added. */
class Params {
    values = [];
    add(value) {
        return `$${this.values.push(value)}`;
    }
}
const cutOf = (cut, params) => 'position' in cut ? `position <= ${params.add(cut.position)}::bigint` : `recorded_at <= ${params.add(cut.instant)}`;
/**
 * Balances as SQL sums over the postings rows on PostgreSQL, the same
 * queries as SqliteBalanceSums: each posting is read once from each side, as
 * provided by its provider and received by its receiver. Their cost grows
 * with the history they sum: PgBalances answers with them only for an
 * instant in a ledger whose recorded times are out of log order and for an
 * agreement's pair flows, and bench/queries keeps them as the baseline.
 * Amounts are BIGINT (scaled by 10^4); their sums are NUMERIC, which pg hands
 * over as decimal text, so no figure passes through a floating-point number.
 */
class PgBalanceSums {
    pool;
    postings;
    constructor(pool, schema) {
        this.pool = pool;
        this.postings = `${(0, pg_migrations_1.quoteIdentifier)(schema)}."rm_${postings_projection_1.POSTINGS_PROJECTION}"`;
    }
    async balances(filter, cut) {
        return (await this.rawBalances(filter, cut)).map(({ provided, received, ...line }) => ({ ...line, balance: (0, ledger_1.formatAmount)(provided - received) }));
    }
    async trialBalance(cut) {
        return (0, ledger_1.trialBalanceOf)(await this.rawBalances({}, cut));
    }
    async pairFlows(unit, cut, agreementId) {
        const params = new Params();
        const where = [cutOf(cut, params), `unit = ${params.add(unit)}`];
        if (agreementId !== undefined)
            where.push(`agreement_id = ${params.add(agreementId)}`);
        const { rows } = await this.pool.query(`SELECT provider, receiver, SUM(amount)::text AS amount FROM ${this.postings}
       WHERE ${where.join(' AND ')} GROUP BY provider, receiver ORDER BY provider, receiver`, params.values);
        return rows.map(({ amount, ...pair }) => ({ ...pair, amount: (0, ledger_1.formatAmount)(BigInt(amount)) }));
    }
    /** Each side is summed on its own over its (partner, unit, position, amount) index, then the two are merged. */
    async rawBalances(filter, cut) {
        const params = new Params();
        const clause = cutOf(cut, params);
        const partner = filter.partner === undefined ? undefined : params.add(filter.partner);
        const counterparty = filter.counterparty === undefined ? undefined : params.add(filter.counterparty);
        const unit = filter.unit === undefined ? undefined : params.add(filter.unit);
        const side = (self, other) => {
            const where = [clause];
            if (partner !== undefined)
                where.push(`${self} = ${partner}`);
            if (counterparty !== undefined)
                where.push(`${other} = ${counterparty}`);
            if (unit !== undefined)
                where.push(`unit = ${unit}`);
            const [provided, received] = self === 'provider' ? ['SUM(amount)', '0'] : ['0', 'SUM(amount)'];
            return `SELECT ${self} AS partner, ${counterparty ? `${other} AS counterparty, ` : ''}unit, ${provided} AS provided, ${received} AS received
        FROM ${this.postings} WHERE ${where.join(' AND ')} GROUP BY ${self}, ${counterparty ? `${other}, ` : ''}unit`;
        };
        const keys = counterparty ? 'partner, counterparty, unit' : 'partner, unit';
        const { rows } = await this.pool.query(`SELECT ${keys}, SUM(provided)::text AS provided, SUM(received)::text AS received
       FROM (${side('provider', 'receiver')} UNION ALL ${side('receiver', 'provider')}) AS sides
       GROUP BY ${keys} ORDER BY ${keys}`, params.values);
        return rows.map(({ provided, received, ...line }) => ({ ...line, provided: BigInt(provided), received: BigInt(received) }));
    }
}
exports.PgBalanceSums = PgBalanceSums;
//# sourceMappingURL=pg-balance-sums.js.map