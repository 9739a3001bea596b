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
exports.CooperationFacts = exports.CATALOG_PROJECTION = void 0;
const common_1 = require("@nestjs/common");
const agreements_1 = require("../../domain/agreements");
const partners_1 = require("../../domain/partners");
const cooperation_1 = require("../../domain/shared/cooperation");
const dates_1 = require("../../domain/shared/dates");
const agreements_projection_1 = require("../agreements/agreements.projection");
const folded_streams_1 = require("../commands/folded-streams");
const event_store_port_1 = require("../ports/event-store.port");
const read_store_port_1 = require("../ports/read-store.port");
const streams_1 = require("./streams");
exports.CATALOG_PROJECTION = 'catalog';
/**
 * What a decider needs to know beyond its own stream, read here and passed in
 * with the command: the agreement an act names and the standing of the
 * partners involved come from their own streams (always current); who holds a
 * title comes from the union catalogue (a read model, current to within a
 * moment). Queries read agreements and standings here too, as of what is durable.
 */
let CooperationFacts = class CooperationFacts {
    reads;
    /** Agreements and partners are read by nearly every command: only their new events are read and folded. */
    folded;
    constructor(store, reads) {
        this.reads = reads;
        const folds = (durable) => ({
            agreements: new folded_streams_1.FoldedStreams(store, agreements_1.agreementDecider, { durable }),
            partners: new folded_streams_1.FoldedStreams(store, partners_1.partnerDecider, { durable }),
        });
        this.folded = { command: folds(false), query: folds(true) };
    }
    async agreement(agreementId, reader = 'command') {
        return (0, agreements_1.agreementFacts)((await this.folded[reader].agreements.read(streams_1.streams.agreement(agreementId))).state);
    }
    /**
     * The agreements in force on `now` that cover `form` between all of
     * `isils`: candidates from the agreements read model, each then checked
     * against its own stream (always current).
     */
    async agreementsCovering(form, isils, now) {
        const candidates = [];
        let after;
        do {
            const page = await this.reads.list(agreements_projection_1.AGREEMENTS_PROJECTION, { where: { status: 'active' }, limit: 500, ...(after ? { after } : {}) });
            for (const view of page.items) {
                if (view.forms.includes(form) && isils.every((isil) => view.members.includes(isil)))
                    candidates.push(view.agreementId);
            }
            after = page.next ?? undefined;
        } while (after !== undefined);
        const facts = await Promise.all(candidates.map((id) => this.agreement(id)));
        return facts.filter((agreement) => agreement !== null && agreement.forms.includes(form) && isils.every((isil) => agreement.members.includes(isil)) && (0, cooperation_1.isInForce)(agreement, (0, dates_1.dayOf)(now)));
    }
    /** Standing of each library, keyed by ISIL; undefined when never registered. */
    async standings(isils, reader = 'command') {
        const entries = await Promise.all([...new Set(isils)].map(async (isil) => {
            return [isil, (0, partners_1.partnerStanding)((await this.folded[reader].partners.read(streams_1.streams.partner(isil))).state)];
        }));
        return Object.fromEntries(entries);
    }
    /** Partners whose registered holdings include the title. */
    async holders(isbn13) {
        const entry = await this.reads.get(exports.CATALOG_PROJECTION, isbn13);
        return entry ? entry.holders.map((holder) => holder.isil) : [];
    }
};
exports.CooperationFacts = CooperationFacts;
exports.CooperationFacts = CooperationFacts = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(event_store_port_1.EVENT_STORE)),
    __param(1, (0, common_1.Inject)(read_store_port_1.READ_STORE)),
    __metadata("design:paramtypes", [Object, Object])
], CooperationFacts);
//# sourceMappingURL=cooperation-facts.js.map