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
exports.EXCHANGE_HANDLERS = exports.ExchangeStepHandler = exports.ProposeExchangeHandler = void 0;
const cqrs_1 = require("@nestjs/cqrs");
const exchanges_1 = require("../../domain/exchanges");
const command_deps_provider_1 = require("../commands/command-deps.provider");
const command_ids_1 = require("../commands/command-ids");
const handle_command_1 = require("../commands/handle-command");
const cooperation_facts_1 = require("../cooperation/cooperation-facts");
const streams_1 = require("../cooperation/streams");
const exchange_messages_1 = require("./exchange.messages");
const exchangeStream = streams_1.streams.exchange;
let ProposeExchangeHandler = class ProposeExchangeHandler {
    deps;
    facts;
    constructor(deps, facts) {
        this.deps = deps;
        this.facts = facts;
    }
    async execute({ data, context }) {
        const exchangeId = (0, command_ids_1.commandIds)(this.deps.ids, context.idempotencySeed).aggregateId();
        const parties = [context.actor.library, data.counterpart].filter((isil) => typeof isil === 'string');
        const [agreement, standings] = await Promise.all([this.facts.agreement(data.agreementId), this.facts.standings(parties)]);
        const result = await (0, handle_command_1.handleCommand)(this.deps, exchangeStream(exchangeId), exchanges_1.exchangeDecider, (now) => ({
            type: 'ProposeExchange',
            data: { ...data, exchangeId, agreement, standings },
            metadata: { now, actor: context.actor },
        }), context, { opensMintedStream: true });
        return { ...result, exchangeId };
    }
};
exports.ProposeExchangeHandler = ProposeExchangeHandler;
exports.ProposeExchangeHandler = ProposeExchangeHandler = __decorate([
    (0, cqrs_1.CommandHandler)(exchange_messages_1.ProposeExchangeMessage),
    __metadata("design:paramtypes", [command_deps_provider_1.CommandDepsProvider,
        cooperation_facts_1.CooperationFacts])
], ProposeExchangeHandler);
let ExchangeStepHandler = class ExchangeStepHandler {
    deps;
    constructor(deps) {
        this.deps = deps;
    }
    execute({ command, context }) {
        return (0, handle_command_1.handleCommand)(this.deps, exchangeStream(command.data.exchangeId), exchanges_1.exchangeDecider, (now) => ({ ...command, metadata: { now, actor: context.actor } }), context);
    }
};
exports.ExchangeStepHandler = ExchangeStepHandler;
exports.ExchangeStepHandler = ExchangeStepHandler = __decorate([
    (0, cqrs_1.CommandHandler)(exchange_messages_1.ExchangeStepMessage),
    __metadata("design:paramtypes", [command_deps_provider_1.CommandDepsProvider])
], ExchangeStepHandler);
exports.EXCHANGE_HANDLERS = [ProposeExchangeHandler, ExchangeStepHandler];
//# sourceMappingURL=exchange.handlers.js.map