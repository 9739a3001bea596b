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
exports.FAIRNESS_HANDLERS = exports.SuggestLendersHandler = exports.FairnessReportHandler = exports.requireReportPeriod = exports.startOf = exports.SUGGESTION_WINDOW_DAYS = exports.FURTHEST_FROM_GOAL = void 0;
const common_1 = require("@nestjs/common");
const cqrs_1 = require("@nestjs/cqrs");
const ledger_1 = require("../../domain/ledger");
const cooperation_1 = require("../../domain/shared/cooperation");
const dates_1 = require("../../domain/shared/dates");
const errors_1 = require("../../domain/shared/errors");
const input_1 = require("../../domain/shared/input");
const isbn_1 = require("../../domain/shared/isbn");
const isil_1 = require("../../domain/shared/isil");
const cooperation_facts_1 = require("../cooperation/cooperation-facts");
const clock_port_1 = require("../ports/clock.port");
const fairness_reads_port_1 = require("./fairness-reads.port");
const fairness_messages_1 = require("./fairness.messages");
const projection_runner_1 = require("../projections/projection-runner");
const read_models_behind_1 = require("../projections/read-models-behind");
/** How many partners the report names as furthest from their goal. */
exports.FURTHEST_FROM_GOAL = 5;
/** The lender suggestion scores loans over this many days up to now. */
exports.SUGGESTION_WINDOW_DAYS = 365;
const NOTHING = {
    loansLent: 0, loansBorrowed: 0, requestsReceived: 0, requestsAccepted: 0, turnarounds: {},
    exchangeBalance: 0n, claimsFulfilled: 0, claimsLapsed: 0, servicesGiven: new Map(), servicesReceived: new Map(),
};
const startOf = (day) => `${day}T00:00:00.000Z`;
exports.startOf = startOf;
/** Whole UTC days `from`..`to`, both inclusive, as every report takes them. */
const requireReportPeriod = (from, to) => {
    (0, input_1.requireCalendarDate)(from, 'from');
    (0, input_1.requireCalendarDate)(to, 'to');
    if (from > to)
        throw new errors_1.InvalidValue('from', `from (${from}) must not be after to (${to})`);
    // The period ends at the start of the next day, which must still be a four-digit year to compare as text.
    if (to >= '9999-12-31')
        throw new errors_1.InvalidValue('to', 'to must be before 9999-12-31');
};
exports.requireReportPeriod = requireReportPeriod;
let FairnessReportHandler = class FairnessReportHandler {
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
        (0, exports.requireReportPeriod)(from, to);
        const agreement = await this.facts.agreement(agreementId, 'query');
        if (agreement === null)
            throw new cooperation_1.AgreementNotFound(agreementId);
        const counts = await this.reads.periodCounts(agreementId, { from: (0, exports.startOf)(from), to: (0, exports.startOf)((0, dates_1.addDays)((0, exports.startOf)(to), 1)) });
        const members = new Set(agreement.members);
        // A partner that withdrew keeps its line for the facts it has in the period.
        const isils = [...new Set([...members, ...counts.keys()])].sort();
        const holdings = await this.reads.holdingsCounts(isils);
        const { goalRatio } = agreement.terms;
        const partners = isils.map((isil) => ({
            ...(0, ledger_1.partnerFairness)({ isil, ...(counts.get(isil) ?? NOTHING), holdings: holdings[isil] ?? 0 }, goalRatio),
            member: members.has(isil),
            holdings: holdings[isil] ?? 0,
        }));
        const network = (0, ledger_1.networkFairness)(partners, holdings, exports.FURTHEST_FROM_GOAL);
        return {
            agreementId,
            from,
            to,
            goalRatio,
            partners,
            network: {
                giniOfLendingLoad: network.giniOfLendingLoad,
                furthestFromGoal: network.furthestFromGoal.map(({ isil, loadLevellingScore: score, ratio, distanceFromGoal }) => ({
                    isil, loadLevellingScore: score, ratio, goalRatio, distanceFromGoal,
                })),
                totals: network.totals,
            },
        };
    }
};
exports.FairnessReportHandler = FairnessReportHandler;
exports.FairnessReportHandler = FairnessReportHandler = __decorate([
    (0, cqrs_1.QueryHandler)(fairness_messages_1.FairnessReportQuery),
    __param(1, (0, common_1.Inject)(fairness_reads_port_1.FAIRNESS_READS)),
    __metadata("design:paramtypes", [cooperation_facts_1.CooperationFacts, Object, projection_runner_1.ProjectionRunner])
], FairnessReportHandler);
const formula = (parts) => parts.map(({ borrowed, goalRatio, lent }) => `${borrowed} borrowed × goal ${goalRatio} − ${lent} lent`).join(' + ');
/** The score's arithmetic, then what puts the candidate below the one ranked just above it. */
const reasonFor = (candidate, above, count) => {
    const score = `score ${candidate.loadLevellingScore} = ${formula(candidate.agreements)} over the last ${exports.SUGGESTION_WINDOW_DAYS} days`;
    if (above === undefined)
        return `${score}; ${count === 1 ? 'the only eligible holder' : 'the highest score'}`;
    if (!(0, ledger_1.sameScore)(above.loadLevellingScore, candidate.loadLevellingScore)) {
        return `${score}; lower than ${above.isil} (${above.loadLevellingScore})`;
    }
    if (candidate.loansLent !== above.loansLent) {
        return `${score}; same score as ${above.isil} but lent more (${candidate.loansLent} vs ${above.loansLent})`;
    }
    return `${score}; same score and loans lent as ${above.isil}, so ISIL order`;
};
/** Sorts the holders into those that may lend to the borrower (with the loan agreements they share) and those that may not, and why. */
const sortHolders = (holders, borrower, standings, borrowersAgreements) => {
    const eligible = new Map();
    const excluded = [];
    for (const isil of holders) {
        const standing = standings[isil];
        const shared = borrowersAgreements.filter((agreement) => agreement.members.includes(isil));
        if (isil === borrower)
            excluded.push({ isil, reason: 'is-the-borrower' });
        else if (standing !== 'active')
            excluded.push({ isil, reason: standing ?? 'unregistered' });
        else if (shared.length === 0)
            excluded.push({ isil, reason: 'no-shared-loan-agreement' });
        else
            eligible.set(isil, shared);
    }
    return { eligible, excluded };
};
/** A candidate's score: the sum over the loan agreements it shares with the borrower, each with its own goal ratio. */
const candidateOf = (isil, shared, tallies) => {
    const parts = shared.map(({ agreementId, terms: { goalRatio } }) => {
        const { lent, borrowed } = tallies.get(`${agreementId}\n${isil}`) ?? { lent: 0, borrowed: 0 };
        return { agreementId, goalRatio, lent, borrowed, score: (0, ledger_1.loadLevellingScore)({ lent, borrowed, goalRatio }) };
    });
    const sum = (pick) => parts.reduce((total, part) => total + pick(part), 0);
    return { isil, loadLevellingScore: sum((p) => p.score), loansLent: sum((p) => p.lent), loansBorrowed: sum((p) => p.borrowed), agreements: parts };
};
let SuggestLendersHandler = class SuggestLendersHandler {
    facts;
    reads;
    clock;
    runner;
    constructor(facts, reads, clock, runner) {
        this.facts = facts;
        this.reads = reads;
        this.clock = clock;
        this.runner = runner;
    }
    async execute(query) {
        await (0, read_models_behind_1.readModelsAt)(this.runner, query.minPosition);
        const isbn = (0, isbn_1.toIsbn13)(query.isbn, 'isbn');
        const borrower = (0, isil_1.toIsil)(query.borrower, 'borrower');
        const now = this.clock.now();
        const since = new Date(now.getTime() - exports.SUGGESTION_WINDOW_DAYS * 86_400_000).toISOString();
        const holders = [...new Set(await this.facts.holders(isbn))].sort();
        const [standings, agreements] = await Promise.all([
            this.facts.standings(holders.filter((isil) => isil !== borrower), 'query'),
            this.reads.loanAgreementsOf(borrower),
        ]);
        const inForceNow = agreements.filter((agreement) => (0, cooperation_1.isInForce)(agreement, (0, dates_1.dayOf)(now)));
        const { eligible, excluded } = sortHolders(holders, borrower, standings, inForceNow);
        const agreementIds = [...new Set([...eligible.values()].flat().map((agreement) => agreement.agreementId))];
        const found = await this.reads.loanTallies(agreementIds, [...eligible.keys()], since);
        const tallies = new Map(found.map((tally) => [`${tally.agreementId}\n${tally.isil}`, tally]));
        const ranked = (0, ledger_1.rankLenders)([...eligible].map(([isil, shared]) => candidateOf(isil, shared, tallies)));
        const suggestions = ranked.map((candidate, index) => ({
            rank: index + 1,
            ...candidate,
            reason: reasonFor(candidate, ranked[index - 1], ranked.length),
        }));
        return { isbn, borrower, since, until: now.toISOString(), suggestions, excluded };
    }
};
exports.SuggestLendersHandler = SuggestLendersHandler;
exports.SuggestLendersHandler = SuggestLendersHandler = __decorate([
    (0, cqrs_1.QueryHandler)(fairness_messages_1.SuggestLendersQuery),
    __param(1, (0, common_1.Inject)(fairness_reads_port_1.FAIRNESS_READS)),
    __param(2, (0, common_1.Inject)(clock_port_1.CLOCK)),
    __metadata("design:paramtypes", [cooperation_facts_1.CooperationFacts, Object, Object, projection_runner_1.ProjectionRunner])
], SuggestLendersHandler);
exports.FAIRNESS_HANDLERS = [FairnessReportHandler, SuggestLendersHandler];
//# sourceMappingURL=fairness.handlers.js.map