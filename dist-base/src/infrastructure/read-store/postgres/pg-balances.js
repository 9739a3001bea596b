"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PgBalances = void 0;
const node_crypto_1 = require("node:crypto");
const postings_projection_1 = require("../../../application/ledger/postings.projection");
const ledger_1 = require("../../../domain/ledger");
const pg_migrations_1 = require("../../event-store/postgres/pg-migrations");
const balance_marks_1 = require("../balance-marks");
const pg_balance_sums_1 = require("./pg-balance-sums");
/**
 * Each statement is prepared once per connection under a name derived from
 * its text (which names the schema): PostgreSQL then plans it without
 * parsing it again, and two schemas on one pool never share a name.
 */
const statementName = (text) => `ledger_balances_${(0, node_crypto_1.hash)('sha1', text, 'hex').slice(0, 20)}`;
/** Every statement's first parameter is the cut (a position or an instant); the others follow, numbered as they are added. */
class Params {
    values;
    constructor(cut) {
        this.values = ['position' in cut ? cut.position : cut.instant];
    }
    add(value) {
        return `$${this.values.push(value)}`;
    }
}
/** A seek costs about this many rows of a range here (readFromMarks). */
const SEEK_ROWS = 12;
class PgBalances {
    pool;
    sums;
    postings;
    totals;
    marks;
    constructor(pool, schema) {
        this.pool = pool;
        this.sums = new pg_balance_sums_1.PgBalanceSums(pool, schema);
        this.postings = `${(0, pg_migrations_1.quoteIdentifier)(schema)}."rm_${postings_projection_1.POSTINGS_PROJECTION}"`;
        this.totals = `${(0, pg_migrations_1.quoteIdentifier)(schema)}."rm_${postings_projection_1.POSTINGS_PROJECTION}_totals"`;
        this.marks = `${(0, pg_migrations_1.quoteIdentifier)(schema)}."rm_${postings_projection_1.POSTINGS_PROJECTION}_marks"`;
    }
    async balances(filter, cut) {
        const groups = await this.groupsAt(filter, cut);
        if (groups === null)
            return this.sums.balances(filter, cut);
        const pair = filter.counterparty !== undefined;
        return groups.map(({ partner, counterparty, unit, provided, received }) => ({
            partner,
            ...(pair ? { counterparty } : {}),
            unit,
            balance: (0, ledger_1.formatAmount)(provided - received),
        }));
    }
    async trialBalance(cut) {
        const groups = await this.groupsAt({}, cut);
        return groups === null ? this.sums.trialBalance(cut) : (0, ledger_1.trialBalanceOf)(groups);
    }
    /** Each pair's gross flow one way is what one side of it provided to the other. Under one agreement: summed over its postings. */
    async pairFlows(unit, cut, agreementId) {
        if (agreementId !== undefined)
            return this.sums.pairFlows(unit, cut, agreementId);
        const params = new Params(cut);
        const groups = await this.asOf('pairs', `g.unit = ${params.add(unit)} AND g.counterparty <> ''`, params, cut, false);
        if (groups === null)
            return this.sums.pairFlows(unit, cut);
        return groups
            .filter(({ provided }) => provided > 0n)
            .map(({ partner, counterparty, provided }) => ({ provider: partner, receiver: counterparty, amount: (0, ledger_1.formatAmount)(provided) }));
    }
    /** The groups the filter names that have a posting at or before the cut, each with its sums there; null when the cut must be summed. */
    groupsAt(filter, cut) {
        const params = new Params(cut);
        const where = [
            "g.partner <> ''",
            filter.counterparty === undefined ? "g.counterparty = ''" : `g.counterparty = ${params.add(filter.counterparty)}`,
        ];
        if (filter.partner !== undefined)
            where.push(`g.partner = ${params.add(filter.partner)}`);
        if (filter.unit !== undefined)
            where.push(`g.unit = ${params.add(filter.unit)}`);
        return this.asOf(filter.counterparty === undefined ? 'partners' : 'pairs', where.join(' AND '), params, cut, filter.partner !== undefined);
    }
    /**
     * One statement for every group `where` names (over `g`) that has a
     * posting at or before the cut, each with its sums there. A partner's
     * provided and received are the sums its rows as provider and as receiver
     * carry; a pair's, those each way round. The cut (`c`) is the position
     * given, or the last one recorded at or before the instant given, with
     * whether the ledger's times go back (the whole ledger's group counts it):
     * then null, and the caller sums.
     *
     * For a few groups (`few`: one partner's or one pair's), a group that has
     * not moved since the cut takes its sums from the totals table, one that
     * has the sum the last row at or before the cut that moved it carries, a
     * seek per side. For many, the copies of the totals (fromMarks).
     */
    async asOf(kind, where, params, cut, few) {
        const position = 'position' in cut
            ? `SELECT $1::bigint AS position, 0::bigint AS disordered`
            : `SELECT coalesce((SELECT position FROM ${this.postings} WHERE recorded_at <= $1 ORDER BY recorded_at DESC, position DESC LIMIT 1), -1) AS position,
             coalesce((SELECT disordered FROM ${this.totals} WHERE partner = '' AND counterparty = '' AND unit = ''), 0) AS disordered`;
        const [ctes, select] = few || !(await this.readsFromMarks(position, where, params)) ? ['', this.seeking(kind, where)] : this.marked(kind, where);
        const text = `WITH c AS MATERIALIZED (${position})${ctes} ${select} ORDER BY g.partner, g.counterparty, g.unit`;
        const { rows } = await this.pool.query({ name: statementName(text), text, values: params.values, rowMode: 'array' });
        if (rows.length > 0 && BigInt(rows[0][0]) > 0n)
            return null;
        return rows
            .filter((row) => row[1] !== null)
            .map(([, partner, counterparty, unit, provided, received]) => ({
            partner,
            counterparty,
            unit,
            provided: BigInt(provided),
            received: BigInt(received),
        }));
    }
    /** Whether the groups `where` names are read for less from the last copy at or before the cut than by seeks (readFromMarks). */
    async readsFromMarks(position, where, params) {
        const text = `WITH c AS MATERIALIZED (${position}) ${(0, balance_marks_1.copySize)(where, { marks: this.marks, position: '(SELECT position FROM c)' })}`;
        const { rows } = await this.pool.query({ name: statementName(text), text, values: params.values, rowMode: 'array' });
        return rows.length > 0 && (0, balance_marks_1.readFromMarks)(Number(rows[0][0]), Number(rows[0][1]), SEEK_ROWS);
    }
    /** The many groups' rows (asOf), from the copies of the totals: the expressions after `c`, and the select. */
    marked(kind, where) {
        const { ctes, groups } = (0, balance_marks_1.fromMarks)(kind, where, { postings: this.postings, totals: this.totals, marks: this.marks, position: '(SELECT position FROM c)' });
        return [`, ${ctes}`, `SELECT c.disordered::text, g.partner, g.counterparty, g.unit, g.provided::text, g.received::text FROM c LEFT JOIN (${groups}) g ON true`];
    }
    /** The few groups' rows (asOf): the totals table, and a seek per side for a group moved since the cut. */
    seeking(kind, where) {
        const last = (sum, side) => `coalesce((SELECT ${sum} FROM ${this.postings} WHERE ${side} AND unit = g.unit AND position <= c.position
        ORDER BY position DESC, entry DESC LIMIT 1), 0)`;
        const seeks = kind === 'partners'
            ? { provided: last(postings_projection_1.CARRIED.provided, 'provider = g.partner'), received: last(postings_projection_1.CARRIED.received, 'receiver = g.partner') }
            : {
                provided: last(postings_projection_1.CARRIED.pair, 'provider = g.partner AND receiver = g.counterparty'),
                received: last(postings_projection_1.CARRIED.pair, 'provider = g.counterparty AND receiver = g.partner'),
            };
        const sum = (name) => `(CASE WHEN g.last_position <= c.position THEN g.${name} ELSE ${seeks[name]} END)::text`;
        return `SELECT c.disordered::text, g.partner, g.counterparty, g.unit, ${sum('provided')}, ${sum('received')}
      FROM c LEFT JOIN ${this.totals} g ON ${where} AND g.first_position <= c.position`;
    }
}
exports.PgBalances = PgBalances;
//# sourceMappingURL=pg-balances.js.map