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
Object.defineProperty(exports, "__esModule", { value: true });
exports.LOAN_HANDLERS = exports.LoanStepHandler = exports.RequestLoanHandler = void 0;
const cqrs_1 = require("@nestjs/cqrs");
const loans_1 = require("../../domain/loans");
const command_deps_provider_1 = require("../commands/command-deps.provider");
const command_ids_1 = require("../commands/command-ids");
const handle_command_1 = require("../commands/handle-command");
const cooperation_facts_1 = require("../cooperation/cooperation-facts");
const streams_1 = require("../cooperation/streams");
const loan_messages_1 = require("./loan.messages");
const loanStream = streams_1.streams.loan;
let RequestLoanHandler = class RequestLoanHandler {
    deps;
    facts;
    constructor(deps, facts) {
        this.deps = deps;
        this.facts = facts;
    }
    async execute({ data, context }) {
        const loanId = (0, command_ids_1.commandIds)(this.deps.ids, context.idempotencySeed).aggregateId();
        const [agreement, standings] = await Promise.all([
            this.facts.agreement(data.agreementId),
            this.facts.standings([data.lender, ...(context.actor.library ? [context.actor.library] : [])]),
        ]);
        const result = await (0, handle_command_1.handleCommand)(this.deps, loanStream(loanId), loans_1.loanDecider, (now) => ({
            type: 'RequestLoan',
            data: { ...data, loanId, agreement, standings },
            metadata: { now, actor: context.actor },
        }), context, { opensMintedStream: true });
        return { ...result, loanId };
    }
};
exports.RequestLoanHandler = RequestLoanHandler;
exports.RequestLoanHandler = RequestLoanHandler = __decorate([
    (0, cqrs_1.CommandHandler)(loan_messages_1.RequestLoanMessage),
    __metadata("design:paramtypes", [command_deps_provider_1.CommandDepsProvider,
        cooperation_facts_1.CooperationFacts])
], RequestLoanHandler);
let LoanStepHandler = class LoanStepHandler {
    deps;
    constructor(deps) {
        this.deps = deps;
    }
    execute({ command, context }) {
        return (0, handle_command_1.handleCommand)(this.deps, loanStream(command.data.loanId), loans_1.loanDecider, (now) => ({ ...command, metadata: { now, actor: context.actor } }), context);
    }
};
exports.LoanStepHandler = LoanStepHandler;
exports.LoanStepHandler = LoanStepHandler = __decorate([
    (0, cqrs_1.CommandHandler)(loan_messages_1.LoanStepMessage),
    __metadata("design:paramtypes", [command_deps_provider_1.CommandDepsProvider])
], LoanStepHandler);
exports.LOAN_HANDLERS = [RequestLoanHandler, LoanStepHandler];
//# sourceMappingURL=loan.handlers.js.map