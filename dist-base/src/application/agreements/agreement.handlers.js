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
exports.AGREEMENT_HANDLERS = exports.AgreementStepHandler = exports.EstablishAgreementHandler = void 0;
const cqrs_1 = require("@nestjs/cqrs");
const agreements_1 = require("../../domain/agreements");
const command_deps_provider_1 = require("../commands/command-deps.provider");
const command_ids_1 = require("../commands/command-ids");
const handle_command_1 = require("../commands/handle-command");
const cooperation_facts_1 = require("../cooperation/cooperation-facts");
const streams_1 = require("../cooperation/streams");
const agreement_messages_1 = require("./agreement.messages");
const agreementStream = streams_1.streams.agreement;
let EstablishAgreementHandler = class EstablishAgreementHandler {
    deps;
    facts;
    constructor(deps, facts) {
        this.deps = deps;
        this.facts = facts;
    }
    async execute({ data, context }) {
        const agreementId = (0, command_ids_1.commandIds)(this.deps.ids, context.idempotencySeed).aggregateId();
        const standings = await this.facts.standings(data.members);
        const result = await (0, handle_command_1.handleCommand)(this.deps, agreementStream(agreementId), agreements_1.agreementDecider, (now) => ({
            type: 'EstablishAgreement',
            data: { ...data, agreementId, standings },
            metadata: { now, actor: context.actor },
        }), context, { opensMintedStream: true });
        return { ...result, agreementId };
    }
};
exports.EstablishAgreementHandler = EstablishAgreementHandler;
exports.EstablishAgreementHandler = EstablishAgreementHandler = __decorate([
    (0, cqrs_1.CommandHandler)(agreement_messages_1.EstablishAgreementMessage),
    __metadata("design:paramtypes", [command_deps_provider_1.CommandDepsProvider,
        cooperation_facts_1.CooperationFacts])
], EstablishAgreementHandler);
let AgreementStepHandler = class AgreementStepHandler {
    deps;
    facts;
    constructor(deps, facts) {
        this.deps = deps;
        this.facts = facts;
    }
    async execute({ command, context }) {
        const complete = command.type === 'JoinAgreement'
            ? { ...command, data: { ...command.data, standings: await this.facts.standings([command.data.isil]) } }
            : command;
        return (0, handle_command_1.handleCommand)(this.deps, agreementStream(command.data.agreementId), agreements_1.agreementDecider, (now) => ({ ...complete, metadata: { now, actor: context.actor } }), context);
    }
};
exports.AgreementStepHandler = AgreementStepHandler;
exports.AgreementStepHandler = AgreementStepHandler = __decorate([
    (0, cqrs_1.CommandHandler)(agreement_messages_1.AgreementStepMessage),
    __metadata("design:paramtypes", [command_deps_provider_1.CommandDepsProvider,
        cooperation_facts_1.CooperationFacts])
], AgreementStepHandler);
exports.AGREEMENT_HANDLERS = [EstablishAgreementHandler, AgreementStepHandler];
//# sourceMappingURL=agreement.handlers.js.map