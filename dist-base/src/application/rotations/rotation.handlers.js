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
exports.ROTATION_HANDLERS = exports.RotationStepHandler = exports.PlanRotationHandler = void 0;
const cqrs_1 = require("@nestjs/cqrs");
const rotations_1 = require("../../domain/rotations");
const command_deps_provider_1 = require("../commands/command-deps.provider");
const command_ids_1 = require("../commands/command-ids");
const handle_command_1 = require("../commands/handle-command");
const cooperation_facts_1 = require("../cooperation/cooperation-facts");
const streams_1 = require("../cooperation/streams");
const rotation_messages_1 = require("./rotation.messages");
const rotationStream = streams_1.streams.rotation;
let PlanRotationHandler = class PlanRotationHandler {
    deps;
    facts;
    constructor(deps, facts) {
        this.deps = deps;
        this.facts = facts;
    }
    async execute({ data, context }) {
        const rotationId = (0, command_ids_1.commandIds)(this.deps.ids, context.idempotencySeed).aggregateId();
        const hosts = Array.isArray(data.itinerary) ? data.itinerary.map((stop) => stop?.host) : [];
        const parties = [context.actor.library, ...hosts].filter((isil) => typeof isil === 'string');
        const [agreement, standings] = await Promise.all([this.facts.agreement(data.agreementId), this.facts.standings(parties)]);
        const result = await (0, handle_command_1.handleCommand)(this.deps, rotationStream(rotationId), rotations_1.rotationDecider, (now) => ({
            type: 'PlanRotation',
            data: { ...data, rotationId, agreement, standings },
            metadata: { now, actor: context.actor },
        }), context, { opensMintedStream: true });
        return { ...result, rotationId };
    }
};
exports.PlanRotationHandler = PlanRotationHandler;
exports.PlanRotationHandler = PlanRotationHandler = __decorate([
    (0, cqrs_1.CommandHandler)(rotation_messages_1.PlanRotationMessage),
    __metadata("design:paramtypes", [command_deps_provider_1.CommandDepsProvider,
        cooperation_facts_1.CooperationFacts])
], PlanRotationHandler);
let RotationStepHandler = class RotationStepHandler {
    deps;
    constructor(deps) {
        this.deps = deps;
    }
    execute({ command, context }) {
        return (0, handle_command_1.handleCommand)(this.deps, rotationStream(command.data.rotationId), rotations_1.rotationDecider, (now) => ({ ...command, metadata: { now, actor: context.actor } }), context);
    }
};
exports.RotationStepHandler = RotationStepHandler;
exports.RotationStepHandler = RotationStepHandler = __decorate([
    (0, cqrs_1.CommandHandler)(rotation_messages_1.RotationStepMessage),
    __metadata("design:paramtypes", [command_deps_provider_1.CommandDepsProvider])
], RotationStepHandler);
exports.ROTATION_HANDLERS = [PlanRotationHandler, RotationStepHandler];
//# sourceMappingURL=rotation.handlers.js.map