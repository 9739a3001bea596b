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
exports.HeldElsewhere = void 0;
const common_1 = require("@nestjs/common");
const claims_1 = require("../../domain/claims");
const command_deps_provider_1 = require("../commands/command-deps.provider");
const handle_command_1 = require("../commands/handle-command");
const streams_1 = require("../cooperation/streams");
const read_store_port_1 = require("../ports/read-store.port");
const projection_runner_1 = require("../projections/projection-runner");
const claims_projection_1 = require("./claims.projection");
const BATCH = 500;
/**
 * The rule that spans the claim and holdings streams: never an active,
 * unflagged claim on a title another library is listed as holding. A claim
 * reads the catalogue and a registration the claims, each as the read models
 * had them at some position; what committed between that position and its
 * own append is read from the log. So whichever of the two commits second
 * sees the other, and flags the claim (AcquisitionClaimFlagged) before it
 * answers: once both have answered, the flag is in the log.
 */
let HeldElsewhere = class HeldElsewhere {
    deps;
    reads;
    runner;
    constructor(deps, reads, runner) {
        this.deps = deps;
        this.reads = reads;
        this.runner = runner;
    }
    /** Read before the read models are: what they show includes the log up to here. */
    foldedUpTo() {
        return this.runner.status().position;
    }
    /**
     * After a claim committed at `written`, given the holders the catalogue
     * listed when it was at `seenAt`: the other libraries holding the title
     * (flagged on the claim), none when it is clear.
     */
    async afterClaim(isbn, claimant, seen, seenAt, written, context) {
        const holders = new Set(seen);
        for (const event of await this.logBetween(seenAt, written, 'HoldingsRegistered')) {
            const { isil, items } = event.data;
            if (items.some((item) => item.isbn13 === isbn))
                holders.add(isil);
        }
        holders.delete(claimant);
        if (holders.size === 0)
            return [];
        await this.flag(isbn, [...holders], context);
        return [...holders];
    }
    /** After a library's registration of `isbns` committed at `written`: flags every active claim of another library on them. */
    async afterHoldings(isil, isbns, written, context) {
        const seenAt = this.foldedUpTo();
        const titles = new Set(isbns);
        const claims = await this.reads.load(claims_projection_1.CLAIMS_PROJECTION, [...titles]);
        const claimed = new Set([...claims].filter(([, claim]) => claim.status === 'active').map(([isbn]) => isbn));
        for (const event of await this.logBetween(seenAt, written, 'AcquisitionClaimed', 'AcquisitionClaimTransferred')) {
            const { isbn } = event.data;
            if (titles.has(isbn))
                claimed.add(isbn);
        }
        for (const isbn of claimed)
            await this.flag(isbn, [isil], context);
    }
    /** The decider flags only an active claim of another library, once per holder. */
    flag(isbn, heldBy, context) {
        const system = { role: 'system' };
        return (0, handle_command_1.handleCommand)(this.deps, streams_1.streams.claim(isbn), claims_1.claimDecider, (now) => ({ type: 'FlagClaimHeldElsewhere', data: { isbn, heldBy }, metadata: { now, actor: system } }), { actor: system, correlationId: context.correlationId, causationId: context.causationId });
    }
    /** Events of the given types after `after`, up to and including `upTo`. */
    async logBetween(after, upTo, ...types) {
        const found = [];
        for (let from = after; from === null || BigInt(from) < BigInt(upTo);) {
            const batch = await this.deps.store.readAll({ after: from, limit: BATCH });
            if (batch.length === 0)
                break;
            for (const event of batch)
                if (BigInt(event.position) <= BigInt(upTo) && types.includes(event.type))
                    found.push(event);
            from = batch[batch.length - 1].position;
        }
        return found;
    }
};
exports.HeldElsewhere = HeldElsewhere;
exports.HeldElsewhere = HeldElsewhere = __decorate([
    (0, common_1.Injectable)(),
    __param(1, (0, common_1.Inject)(read_store_port_1.READ_STORE)),
    __metadata("design:paramtypes", [command_deps_provider_1.CommandDepsProvider, Object, projection_runner_1.ProjectionRunner])
], HeldElsewhere);
//# sourceMappingURL=held-elsewhere.js.map