"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Iso18626Endpoints = exports.EVENTS_SENT = exports.settingsOf = exports.ISO18626_TARGET = void 0;
const errors_1 = require("../../domain/shared/errors");
const streams_1 = require("../cooperation/streams");
exports.ISO18626_TARGET = 'iso18626';
const settingsOf = (target) => JSON.parse(target.secret);
exports.settingsOf = settingsOf;
/** The events a partner's endpoint hears of (the transport picks those addressed to it): loan events, and StatusRequests to answer. */
exports.EVENTS_SENT = [
    'Iso18626MessageReceived',
    'LoanRequested', 'LoanAccepted', 'LoanDeclined', 'LoanShipped', 'LoanReceived', 'LoanRenewed', 'LoanRecalled',
    'LoanBecameOverdue', 'LoanReturnShipped', 'LoanCheckedIn', 'LoanReportedLost', 'LoanCancelled',
];
const targetId = (isil) => `iso18626-${isil}`;
const view = (isil, target) => {
    const settings = (0, exports.settingsOf)(target);
    return {
        isil, url: target.url, version: settings.version, authorization: settings.authorization !== undefined,
        enabled: target.enabled, disabledReason: target.disabledReason, checkpoint: target.checkpoint, failures: target.failures,
        createdAt: target.createdAt, updatedAt: target.updatedAt,
    };
};
/**
 * A partner's ISO 18626 endpoint: one delivery target per partner, fed by the
 * webhook delivery machinery (at least once, in log order, retried, logged).
 * Registered by a coordinator or the partner's own librarians; messages go
 * out from the moment it is registered.
 */
class Iso18626Endpoints {
    targets;
    dispatcher;
    destinations;
    store;
    clock;
    constructor(targets, dispatcher, destinations, store, clock) {
        this.targets = targets;
        this.dispatcher = dispatcher;
        this.destinations = destinations;
        this.store = store;
        this.clock = clock;
    }
    async register(actor, isil, input) {
        this.mayManage(actor, isil);
        if ((await this.store.readStream(streams_1.streams.partner(isil))).length === 0)
            throw new errors_1.NotFound('partner-not-found', `there is no partner ${isil}`);
        await this.destinations.check(input.url, 'url');
        const now = this.clock.now().toISOString();
        const secret = JSON.stringify({ version: input.version, ...(input.authorization ? { authorization: input.authorization } : {}) });
        const id = targetId(isil);
        const target = await this.dispatcher.reconfigure(id, async () => {
            const existing = await this.targets.find(id);
            if (existing)
                return this.targets.update(id, { url: input.url, secret, enabled: true, disabledReason: null, failures: 0, updatedAt: now });
            const created = {
                id, kind: exports.ISO18626_TARGET, url: input.url,
                filter: { types: exports.EVENTS_SENT, categories: ['loan', 'iso18626'], partners: [isil] },
                owner: { keyId: actor.keyId, role: 'librarian', library: isil },
                secret, enabled: true, disabledReason: null, checkpoint: await this.store.headPosition(), failures: 0, createdAt: now, updatedAt: now,
            };
            await this.targets.create(created);
            return created;
        });
        return view(isil, target);
    }
    async get(actor, isil) {
        return view(isil, await this.registered(actor, isil));
    }
    async remove(actor, isil) {
        await this.registered(actor, isil);
        await this.dispatcher.reconfigure(targetId(isil), () => this.targets.remove(targetId(isil)));
    }
    async deliveries(actor, isil, before, limit) {
        await this.registered(actor, isil);
        const items = await this.targets.attempts(targetId(isil), before, limit);
        return { items, next: items.length === limit ? items[items.length - 1].id : null };
    }
    mayManage(actor, isil) {
        if (actor.role === 'librarian' && actor.library !== isil) {
            throw new errors_1.Forbidden('not-this-library', `a librarian of ${actor.library} may not manage the ISO 18626 endpoint of ${isil}`);
        }
    }
    async registered(actor, isil) {
        if (actor.role === 'librarian')
            this.mayManage(actor, isil);
        const target = await this.targets.find(targetId(isil));
        if (!target || target.kind !== exports.ISO18626_TARGET)
            throw new errors_1.NotFound('iso18626-endpoint-not-found', `${isil} has registered no ISO 18626 endpoint`);
        return target;
    }
}
exports.Iso18626Endpoints = Iso18626Endpoints;
//# sourceMappingURL=iso18626-endpoints.service.js.map