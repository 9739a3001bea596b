"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SqliteBalances = exports.asOfStatement = void 0;
const postings_projection_1 = require("../../application/ledger/postings.projection");
const ledger_1 = require("../../domain/ledger");
const balance_marks_1 = require("./balance-marks");
const sqlite_balance_sums_1 = require("./sqlite-balance-sums");
const sqlite_read_store_1 = require("./sqlite-read-store");
const POSTINGS = `rm_${postings_projection_1.POSTINGS_PROJECTION}`;
const TOTALS = (0, sqlite_read_store_1.totalsTable)(postings_projection_1.POSTINGS_PROJECTION);
const MARKS = (0, sqlite_read_store_1.marksTable)(postings_projection_1.POSTINGS_PROJECTION);
/** A seek costs about this many rows of a range here (readFromMarks). */
const SEEK_ROWS = 4;
/**
 * A sum carried by the last posting at or before the cut that matches
 * `where`, 0 when none does: one seek down an index ending in (position,
 * entry, the sum), read from the index alone.
 */
const lastCarried = (sum, where) => `coalesce((SELECT ${sum} FROM ${POSTINGS} WHERE ${where} AND unit = g.unit AND position <= @position
    ORDER BY position DESC, entry DESC LIMIT 1), 0)`;
/**
 * Where each sum of a group was at the cut. What a partner provided moves
 * only with the postings it provides, and what it received only with those
 * it receives, so each is read from the last posting of its own side, with
 * no need to know which side moved last: a partner's from its postings as
 * the provider and as the receiver, a pair's from its postings each way
 * round (what the counterparty provided to the partner is what the partner
 * received).
 */
const SUMS = {
    partners: {
        provided: lastCarried(postings_projection_1.CARRIED.provided, 'provider = g.partner'),
        received: lastCarried(postings_projection_1.CARRIED.received, 'receiver = g.partner'),
    },
    pairs: {
        provided: lastCarried(postings_projection_1.CARRIED.pair, 'provider = g.partner AND receiver = g.counterparty'),
        received: lastCarried(postings_projection_1.CARRIED.pair, 'provider = g.counterparty AND receiver = g.partner'),
    },
};
/**
 * One statement for every group the filter names at a cut (`where`, over
 * `g`). For a few (`few`: one partner's or one pair's), the groups come
 * from the totals table (those with a posting at or before the cut), and a
 * group that moved after the cut seeks each of its sums at or before it
 * inside SQLite, a correlated subquery per sum; a group that has not moved
 * since needs no seek. For many, the copies of the totals (fromMarks): at
 * some 6 µs a seek, every partner as of a past cut took 1–3 ms at 1,000,000
 * postings.
 */
const asOfStatement = (kind, where, few) => {
    if (!few) {
        const { ctes, groups } = (0, balance_marks_1.fromMarks)(kind, where, { postings: POSTINGS, totals: TOTALS, marks: MARKS, position: '@position' });
        return `WITH ${ctes} ${groups} ORDER BY partner, counterparty, unit`;
    }
    const sum = (name) => `CASE WHEN g.last_position <= @position THEN g.${name} ELSE ${SUMS[kind][name]} END`;
    return `SELECT g.partner, g.counterparty, g.unit, ${sum('provided')}, ${sum('received')}
    FROM ${TOTALS} g WHERE ${where} AND g.first_position <= @position ORDER BY g.partner, g.counterparty, g.unit`;
};
exports.asOfStatement = asOfStatement;
const SEEK = {
    /** The log position an instant names, when recorded times follow the log (the ledger's own group says so). */
    instant: `SELECT position FROM ${POSTINGS} WHERE recorded_at <= ? ORDER BY recorded_at DESC, position DESC LIMIT 1`,
    order: `SELECT disordered FROM ${TOTALS} WHERE partner = '' AND counterparty = '' AND unit = ''`,
};
/**
 * Balances from the running totals the postings carry (postings.projection,
 * RunningTotals): a group's balance as of a position is the sums of its
 * newest row at or before it, one index seek per side, and the totals table
 * holds every group's latest sums, so "now" needs no seek at all. Which
 * groups exist at a cut is the totals table's first position. Many groups
 * are read from the last copy of the totals at or before the cut and the
 * rows after it instead (fromMarks). Nothing here reads more rows than it
 * returns and the copies are apart, however long the history. Every query
 * is one statement (asOfStatement), its seeks made inside SQLite: made one
 * by one from JavaScript, the seeks of every partner as of a position took
 * about 12 ms at 1,000,000 postings, against about 1 ms in one statement.
 *
 * An instant names the prefix of the log recorded at or before it, so it is
 * turned into that prefix's last position with one seek. That holds while
 * recorded times never decrease in log order, which every event store
 * guarantees (it stamps them as it gives positions); a ledger whose times
 * were written out of order (the ledger's own group counts such rows) is
 * answered by the sums over its postings instead.
 *
 * Amounts are exact 64-bit integers scaled by 10^4, read as bigints.
 */
class SqliteBalances {
    db;
    sums;
    statements = new Map();
    asOfStatements = new Map();
    constructor(db) {
        this.db = db;
        this.sums = new sqlite_balance_sums_1.SqliteBalanceSums(db);
    }
    async balances(filter, cut) {
        const position = this.positionOf(cut);
        if (position === null)
            return this.sums.balances(filter, cut);
        const pair = filter.counterparty !== undefined;
        return this.groupsAt(filter, position).map(({ partner, counterparty, unit, provided, received }) => ({
            partner,
            ...(pair ? { counterparty } : {}),
            unit,
            balance: (0, ledger_1.formatAmount)(provided - received),
        }));
    }
    /** The domain's trial balance over every partner's sums at the cut. */
    async trialBalance(cut) {
        const position = this.positionOf(cut);
        return position === null ? this.sums.trialBalance(cut) : (0, ledger_1.trialBalanceOf)(this.groupsAt({}, position));
    }
    /** Each pair's gross flow one way is what one side of it provided to the other. Under one agreement: summed over its postings. */
    async pairFlows(unit, cut, agreementId) {
        const position = agreementId === undefined ? this.positionOf(cut) : null;
        if (position === null)
            return this.sums.pairFlows(unit, cut, agreementId);
        return this.asOf('pairs', "g.unit = @unit AND g.counterparty <> ''", { position, unit })
            .filter(({ provided }) => provided > 0n)
            .map(({ partner, counterparty, provided }) => ({ provider: partner, receiver: counterparty, amount: (0, ledger_1.formatAmount)(provided) }));
    }
    /** The groups the filter names that have a posting at or before the position, each with its sums there. */
    groupsAt(filter, position) {
        const where = ["g.partner <> ''", filter.counterparty === undefined ? "g.counterparty = ''" : 'g.counterparty = @counterparty'];
        if (filter.partner !== undefined)
            where.push('g.partner = @partner');
        if (filter.unit !== undefined)
            where.push('g.unit = @unit');
        return this.asOf(filter.counterparty === undefined ? 'partners' : 'pairs', where.join(' AND '), { position, ...filter }, filter.partner !== undefined);
    }
    /**
     * Every group `where` names, with its sums at the position (asOfStatement): a few (`few`) by seeks; more from
     * the last copy of the totals where that reads less (readFromMarks).
     */
    asOf(kind, where, params, few = false) {
        const size = few ? undefined : this.statement((0, balance_marks_1.copySize)(where, { marks: MARKS, position: '@position' }), true).get(params);
        const marked = size !== undefined && (0, balance_marks_1.readFromMarks)(Number(size[0]), Number(size[1]), SEEK_ROWS);
        return this.asOfStatement(kind, where, !marked).all(params).map((row) => {
            const [partner, counterparty, unit, provided, received] = row;
            return { partner, counterparty, unit, provided, received };
        });
    }
    /** The position a cut names; null for an instant in a ledger recorded out of log order. */
    positionOf(cut) {
        if ('position' in cut)
            return BigInt(cut.position);
        const order = this.get(SEEK.order);
        if (order === undefined)
            return -1n;
        if (order.disordered > 0n)
            return null;
        return this.get(SEEK.instant, cut.instant)?.position ?? -1n;
    }
    get(sql, ...params) {
        return this.statement(sql).get(...params);
    }
    /**
     * By its kind and conditions: the whole statement's text, built and hashed on every query, cost a
     * balance query (one seek of the totals table) twice what SQLite took to answer it.
     */
    asOfStatement(kind, where, few) {
        const key = `${kind}\n${where}\n${few}`;
        let statement = this.asOfStatements.get(key);
        if (statement === undefined)
            this.asOfStatements.set(key, (statement = this.statement((0, exports.asOfStatement)(kind, where, few), true)));
        return statement;
    }
    /** Cached: SQLite prepares a statement again by itself when the read model under it is dropped and made anew. */
    statement(sql, raw = false) {
        let statement = this.statements.get(sql);
        if (statement === undefined) {
            statement = this.db.prepare(sql).safeIntegers(true).raw(raw);
            this.statements.set(sql, statement);
        }
        return statement;
    }
}
exports.SqliteBalances = SqliteBalances;
//# sourceMappingURL=sqlite-balances.js.map