"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.DASHBOARD_HANDLERS = exports.LendingByMonthHandler = exports.monthsOf = exports.BalanceMatrixHandler = exports.MAX_MONTHS = void 0;
const common_1 = require("@nestjs/common");
const cqrs_1 = require("@nestjs/cqrs");
const ledger_1 = require("../../domain/ledger");
const cooperation_1 = require("../../domain/shared/cooperation");
const dates_1 = require("../../domain/shared/dates");
const errors_1 = require("../../domain/shared/errors");
const cooperation_facts_1 = require("../cooperation/cooperation-facts");
const fairness_handlers_1 = require("../fairness/fairness.handlers");
const fairness_reads_port_1 = require("../fairness/fairness-reads.port");
const balance_handlers_1 = require("../ledger/balance.handlers");
const balances_port_1 = require("../ports/balances.port");
const clock_port_1 = require("../ports/clock.port");
const event_store_port_1 = require("../ports/event-store.port");
const projection_runner_1 = require("../projections/projection-runner");
const read_models_behind_1 = require("../projections/read-models-behind");
const dashboard_messages_1 = require("./dashboard.messages");
/** A chart of more months than this is unreadable, and each month is one count over the fact rows. */
exports.MAX_MONTHS = 36;
let BalanceMatrixHandler = class BalanceMatrixHandler {
    ledger;
    runner;
    store;
    clock;
    constructor(ledger, runner, store, clock) {
        this.ledger = ledger;
        this.runner = runner;
        this.store = store;
        this.clock = clock;
    }
    async execute({ unit, top, time, agreementId }) {
        const asOf = await (0, balance_handlers_1.cutFor)(this.runner, this.store, this.clock, time);
        const flows = await this.ledger.pairFlows(unit, asOf, agreementId);
        return { asOf, unit, ...(agreementId === undefined ? {} : { agreementId }), top, partners: (0, ledger_1.balanceMatrix)(flows, top) };
    }
};
exports.BalanceMatrixHandler = BalanceMatrixHandler;
exports.BalanceMatrixHandler = BalanceMatrixHandler = __decorate([
    (0, cqrs_1.QueryHandler)(dashboard_messages_1.BalanceMatrixQuery),
    __param(0, (0, common_1.Inject)(balances_port_1.BALANCES)),
    __param(2, (0, common_1.Inject)(event_store_port_1.EVENT_STORE)),
    __param(3, (0, common_1.Inject)(clock_port_1.CLOCK)),
    __metadata("design:paramtypes", [Object, projection_runner_1.ProjectionRunner, Object, Object])
], BalanceMatrixHandler);
/** The calendar months that meet [from, to] (whole UTC days), each clipped to the period. */
const monthsOf = (from, to) => {
    const end = (0, fairness_handlers_1.startOf)((0, dates_1.addDays)((0, fairness_handlers_1.startOf)(to), 1));
    const months = [];
    for (let start = (0, fairness_handlers_1.startOf)(from); start < end;) {
        const [year, month] = start.slice(0, 7).split('-').map(Number);
        const next = new Date(Date.UTC(year, month, 1)).toISOString();
        months.push({ month: start.slice(0, 7), period: { from: start, to: next < end ? next : end } });
        start = next;
    }
    return months;
};
exports.monthsOf = monthsOf;
let LendingByMonthHandler = class LendingByMonthHandler {
    facts;
    reads;
    runner;
    constructor(facts, reads, runner) {
        this.facts = facts;
        this.reads = reads;
        this.runner = runner;
    }
    async execute({ agreementId, from, to, minPosition }) {
        await (0, read_models_behind_1.readModelsAt)(this.runner, minPosition);
        (0, fairness_handlers_1.requireReportPeriod)(from, to);
        const months = (0, exports.monthsOf)(from, to);
        if (months.length > exports.MAX_MONTHS)
            throw new errors_1.InvalidValue('to', `the period may span at most ${exports.MAX_MONTHS} calendar months`);
        const agreement = await this.facts.agreement(agreementId, 'query');
        if (agreement === null)
            throw new cooperation_1.AgreementNotFound(agreementId);
        const counts = await Promise.all(months.map(({ period }) => this.reads.periodCounts(agreementId, period)));
        const isils = [...new Set([...agreement.members, ...counts.flatMap((month) => [...month.keys()])])].sort();
        return {
            agreementId,
            from,
            to,
            goalRatio: agreement.terms.goalRatio,
            months: months.map(({ month }) => month),
            partners: isils.map((isil) => ({
                isil,
                lent: counts.map((month) => month.get(isil)?.loansLent ?? 0),
                borrowed: counts.map((month) => month.get(isil)?.loansBorrowed ?? 0),
            })),
        };
    }
};
exports.LendingByMonthHandler = LendingByMonthHandler;
exports.LendingByMonthHandler = LendingByMonthHandler = __decorate([
    (0, cqrs_1.QueryHandler)(dashboard_messages_1.LendingByMonthQuery),
    __param(1, (0, common_1.Inject)(fairness_reads_port_1.FAIRNESS_READS)),
    __metadata("design:paramtypes", [cooperation_facts_1.CooperationFacts, Object, projection_runner_1.ProjectionRunner])
], LendingByMonthHandler);
exports.DASHBOARD_HANDLERS = [BalanceMatrixHandler, LendingByMonthHandler];
//# sourceMappingURL=dashboard.handlers.js.map