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
exports.PARTNER_HANDLERS = exports.PartnerStepHandler = exports.RegisterPartnerHandler = void 0;
const cqrs_1 = require("@nestjs/cqrs");
const partners_1 = require("../../domain/partners");
const command_deps_provider_1 = require("../commands/command-deps.provider");
const handle_command_1 = require("../commands/handle-command");
const streams_1 = require("../cooperation/streams");
const partner_messages_1 = require("./partner.messages");
const partnerStream = streams_1.streams.partner;
/** The ISIL names the stream, so registering the same library twice meets the first registration and is refused. */
let RegisterPartnerHandler = class RegisterPartnerHandler {
    deps;
    constructor(deps) {
        this.deps = deps;
    }
    async execute({ data, context }) {
        const result = await (0, handle_command_1.handleCommand)(this.deps, partnerStream(data.isil), partners_1.partnerDecider, (now) => ({ type: 'RegisterPartner', data, metadata: { now, actor: context.actor } }), context);
        return { isil: data.isil, ...result };
    }
};
exports.RegisterPartnerHandler = RegisterPartnerHandler;
exports.RegisterPartnerHandler = RegisterPartnerHandler = __decorate([
    (0, cqrs_1.CommandHandler)(partner_messages_1.RegisterPartnerMessage),
    __metadata("design:paramtypes", [command_deps_provider_1.CommandDepsProvider])
], RegisterPartnerHandler);
let PartnerStepHandler = class PartnerStepHandler {
    deps;
    constructor(deps) {
        this.deps = deps;
    }
    execute({ command, context }) {
        return (0, handle_command_1.handleCommand)(this.deps, partnerStream(command.data.isil), partners_1.partnerDecider, (now) => ({ ...command, metadata: { now, actor: context.actor } }), context);
    }
};
exports.PartnerStepHandler = PartnerStepHandler;
exports.PartnerStepHandler = PartnerStepHandler = __decorate([
    (0, cqrs_1.CommandHandler)(partner_messages_1.PartnerStepMessage),
    __metadata("design:paramtypes", [command_deps_provider_1.CommandDepsProvider])
], PartnerStepHandler);
exports.PARTNER_HANDLERS = [RegisterPartnerHandler, PartnerStepHandler];
//# sourceMappingURL=partner.handlers.js.map