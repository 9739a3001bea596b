"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Scheduler = exports.SYSTEM_ACTOR = void 0;
const claims_1 = require("../../domain/claims");
const loans_1 = require("../../domain/loans");
const errors_1 = require("../../domain/shared/errors");
const dates_1 = require("../../domain/shared/dates");
const claims_projection_1 = require("../claims/claims.projection");
const handle_command_1 = require("../commands/handle-command");
const streams_1 = require("../cooperation/streams");
const loans_projection_1 = require("../loans/loans.projection");
const event_store_port_1 = require("../ports/event-store.port");
/** The ledger itself, acting on time alone. */
exports.SYSTEM_ACTOR = { role: 'system' };
/** Loans out with the borrower: the statuses in which a loan can fall overdue. */
const OUT_ON_LOAN = ['shipped', 'on-loan'];
/**
 * Records what time alone decides: loans past their due day become overdue,
 * claims past their last day expire. Candidates come from the read models;
 * the decision comes from each stream, through the one command loop, so a
 * read model that is behind can only make the scheduler try in vain. The
 * deciders answer [] when the fact is already recorded and the append checks
 * the stream version, so runs that repeat, or race on two instances, record
 * each fact exactly once.
 */
class Scheduler {
    deps;
    reads;
    pageSize;
    constructor(deps, reads, pageSize = 500) {
        this.deps = deps;
        this.reads = reads;
        this.pageSize = pageSize;
    }
    async run() {
        const now = this.deps.clock.now();
        const runId = this.deps.ids.next();
        const context = { actor: exports.SYSTEM_ACTOR, correlationId: `scheduler-${runId}`, causationId: runId };
        const run = { at: now.toISOString(), loansMarkedOverdue: [], claimsExpired: [], skipped: [] };
        const loans = [];
        for (const status of OUT_ON_LOAN) {
            for await (const loan of this.documents(loans_projection_1.LOANS_PROJECTION, { status })) {
                if (!loan.overdue && loan.dueOn !== undefined && (0, dates_1.isPastDue)(loan.dueOn, now))
                    loans.push(loan.loanId);
            }
        }
        for (const loanId of loans) {
            const wrote = await this.attempt(run, streams_1.streams.loan(loanId), () => (0, handle_command_1.handleCommand)(this.deps, streams_1.streams.loan(loanId), loans_1.loanDecider, (at) => ({
                type: 'MarkLoanOverdue', data: { loanId }, metadata: { now: at, actor: exports.SYSTEM_ACTOR },
            }), context));
            if (wrote)
                run.loansMarkedOverdue.push(loanId);
        }
        const claims = [];
        for await (const claim of this.documents(claims_projection_1.CLAIMS_PROJECTION, { status: 'active' })) {
            if ((0, dates_1.isPastDue)(claim.expiresOn, now))
                claims.push(claim.isbn);
        }
        for (const isbn of claims) {
            const wrote = await this.attempt(run, streams_1.streams.claim(isbn), () => (0, handle_command_1.handleCommand)(this.deps, streams_1.streams.claim(isbn), claims_1.claimDecider, (at) => ({
                type: 'ExpireAcquisitionClaim', data: { isbn }, metadata: { now: at, actor: exports.SYSTEM_ACTOR },
            }), context));
            if (wrote)
                run.claimsExpired.push(isbn);
        }
        return run;
    }
    /** True when the command wrote an event; a refusal is noted and the run goes on. */
    async attempt(run, streamId, send) {
        try {
            return (await send()).events.length > 0;
        }
        catch (error) {
            // A stream too busy to settle is left for the next run; anything else is not the scheduler's to hide.
            if (error instanceof event_store_port_1.ConcurrencyError) {
                run.skipped.push({ streamId, code: 'concurrent-change', message: error.message });
                return false;
            }
            if (!(error instanceof errors_1.DomainError))
                throw error;
            run.skipped.push({ streamId, code: error.code, message: error.message });
            return false;
        }
    }
    async *documents(projection, where) {
        let after;
        do {
            const page = await this.reads.list(projection, { where, limit: this.pageSize, ...(after ? { after } : {}) });
            yield* page.items;
            after = page.next ?? undefined;
        } while (after !== undefined);
    }
}
exports.Scheduler = Scheduler;
//# sourceMappingURL=scheduler.js.map