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
exports.SERVICE_HANDLERS = exports.VoidServiceHandler = exports.RenderServiceHandler = void 0;
const cqrs_1 = require("@nestjs/cqrs");
const services_1 = require("../../domain/services");
const command_deps_provider_1 = require("../commands/command-deps.provider");
const command_ids_1 = require("../commands/command-ids");
const handle_command_1 = require("../commands/handle-command");
const cooperation_facts_1 = require("../cooperation/cooperation-facts");
const streams_1 = require("../cooperation/streams");
const service_messages_1 = require("./service.messages");
let RenderServiceHandler = class RenderServiceHandler {
    deps;
    facts;
    constructor(deps, facts) {
        this.deps = deps;
        this.facts = facts;
    }
    async execute({ data, context }) {
        const serviceId = (0, command_ids_1.commandIds)(this.deps.ids, context.idempotencySeed).aggregateId();
        const parties = [context.actor.library, data.recipient].filter((isil) => typeof isil === 'string');
        const [agreement, standings] = await Promise.all([this.facts.agreement(data.agreementId), this.facts.standings(parties)]);
        const result = await (0, handle_command_1.handleCommand)(this.deps, streams_1.streams.service(serviceId), services_1.serviceDecider, (now) => ({
            type: 'RenderService',
            data: { ...data, serviceId, agreement, standings },
            metadata: { now, actor: context.actor },
        }), context, { opensMintedStream: true });
        return { ...result, serviceId };
    }
};
exports.RenderServiceHandler = RenderServiceHandler;
exports.RenderServiceHandler = RenderServiceHandler = __decorate([
    (0, cqrs_1.CommandHandler)(service_messages_1.RenderServiceMessage),
    __metadata("design:paramtypes", [command_deps_provider_1.CommandDepsProvider,
        cooperation_facts_1.CooperationFacts])
], RenderServiceHandler);
let VoidServiceHandler = class VoidServiceHandler {
    deps;
    constructor(deps) {
        this.deps = deps;
    }
    execute({ serviceId, reason, context }) {
        return (0, handle_command_1.handleCommand)(this.deps, streams_1.streams.service(serviceId), services_1.serviceDecider, (now) => ({ type: 'VoidService', data: { serviceId, reason }, metadata: { now, actor: context.actor } }), context);
    }
};
exports.VoidServiceHandler = VoidServiceHandler;
exports.VoidServiceHandler = VoidServiceHandler = __decorate([
    (0, cqrs_1.CommandHandler)(service_messages_1.VoidServiceMessage),
    __metadata("design:paramtypes", [command_deps_provider_1.CommandDepsProvider])
], VoidServiceHandler);
exports.SERVICE_HANDLERS = [RenderServiceHandler, VoidServiceHandler];
//# sourceMappingURL=service.handlers.js.map