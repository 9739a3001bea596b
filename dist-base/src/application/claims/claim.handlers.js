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
exports.CLAIM_HANDLERS = exports.ClaimStepHandler = exports.ClaimAcquisitionHandler = void 0;
const cqrs_1 = require("@nestjs/cqrs");
const claims_1 = require("../../domain/claims");
const isbn_1 = require("../../domain/shared/isbn");
const command_deps_provider_1 = require("../commands/command-deps.provider");
const handle_command_1 = require("../commands/handle-command");
const cooperation_facts_1 = require("../cooperation/cooperation-facts");
const streams_1 = require("../cooperation/streams");
const claim_messages_1 = require("./claim.messages");
const held_elsewhere_1 = require("./held-elsewhere");
/**
 * The stream is named by the title's ISBN-13, whichever form the library
 * wrote it in, so two claims on one title always meet on one stream.
 */
let ClaimAcquisitionHandler = class ClaimAcquisitionHandler {
    deps;
    facts;
    heldElsewhere;
    constructor(deps, facts, heldElsewhere) {
        this.deps = deps;
        this.facts = facts;
        this.heldElsewhere = heldElsewhere;
    }
    async execute({ data, context }) {
        const isbn = (0, isbn_1.toIsbn13)(data.isbn, 'isbn');
        const claimant = context.actor.library;
        const seenAt = this.heldElsewhere.foldedUpTo();
        const [agreement, standings, heldBy] = await Promise.all([
            this.facts.agreement(data.agreementId),
            this.facts.standings(claimant ? [claimant] : []),
            this.facts.holders(isbn),
        ]);
        const result = await (0, handle_command_1.handleCommand)(this.deps, streams_1.streams.claim(isbn), claims_1.claimDecider, (now) => ({
            type: 'ClaimAcquisition',
            data: { ...data, isbn, agreement, standings, heldBy },
            metadata: { now, actor: context.actor },
        }), context);
        // A registration that committed beside the claim, unseen by the catalogue: the claimant is told here.
        const flagged = await this.heldElsewhere.afterClaim(isbn, claimant, heldBy, seenAt, result.position, context);
        return { ...result, isbn, ...(flagged.length > 0 ? { heldElsewhere: flagged } : {}) };
    }
};
exports.ClaimAcquisitionHandler = ClaimAcquisitionHandler;
exports.ClaimAcquisitionHandler = ClaimAcquisitionHandler = __decorate([
    (0, cqrs_1.CommandHandler)(claim_messages_1.ClaimAcquisitionMessage),
    __metadata("design:paramtypes", [command_deps_provider_1.CommandDepsProvider,
        cooperation_facts_1.CooperationFacts,
        held_elsewhere_1.HeldElsewhere])
], ClaimAcquisitionHandler);
let ClaimStepHandler = class ClaimStepHandler {
    deps;
    facts;
    constructor(deps, facts) {
        this.deps = deps;
        this.facts = facts;
    }
    async execute({ command, context }) {
        const isbn = (0, isbn_1.toIsbn13)(command.data.isbn, 'isbn');
        const data = command.type === 'TransferAcquisitionClaim'
            ? { ...command.data, isbn, standings: await this.facts.standings([command.data.to]) }
            : { ...command.data, isbn };
        return (0, handle_command_1.handleCommand)(this.deps, streams_1.streams.claim(isbn), claims_1.claimDecider, (now) => ({ type: command.type, data, metadata: { now, actor: context.actor } }), context);
    }
};
exports.ClaimStepHandler = ClaimStepHandler;
exports.ClaimStepHandler = ClaimStepHandler = __decorate([
    (0, cqrs_1.CommandHandler)(claim_messages_1.ClaimStepMessage),
    __metadata("design:paramtypes", [command_deps_provider_1.CommandDepsProvider,
        cooperation_facts_1.CooperationFacts])
], ClaimStepHandler);
exports.CLAIM_HANDLERS = [ClaimAcquisitionHandler, ClaimStepHandler];
//# sourceMappingURL=claim.handlers.js.map