"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.WebhooksService = exports.webhookView = exports.DESTINATION_POLICY = exports.barRevokedOwners = exports.OWNER_KEY_REVOKED = exports.WEBHOOK = void 0;
const node_crypto_1 = require("node:crypto");
const errors_1 = require("../../domain/shared/errors");
exports.WEBHOOK = 'webhook';
/** Why a webhook stopped when the key that registered it was revoked. */
exports.OWNER_KEY_REVOKED = 'owner-key-revoked';
/**
 * The dispatcher's admission for webhooks: one whose owner key is revoked
 * never delivers, even when its revocation was missed (made before revoking
 * a key stopped its webhooks, or the service stopped between the two). It is
 * disabled here with OWNER_KEY_REVOKED, as a revocation would have, and
 * `onBarred` is told.
 */
const barRevokedOwners = (targets, access, clock, onBarred) => async (candidates) => {
    const webhooks = candidates.filter((target) => target.kind === exports.WEBHOOK);
    if (webhooks.length === 0)
        return candidates;
    const revoked = await access.revokedAmong(webhooks.map((target) => target.owner.keyId));
    if (revoked.size === 0)
        return candidates;
    const barred = new Set(webhooks.filter((target) => revoked.has(target.owner.keyId)));
    const changes = { enabled: false, disabledReason: exports.OWNER_KEY_REVOKED, updatedAt: clock.now().toISOString() };
    for (const target of barred) {
        await targets.update(target.id, changes);
        onBarred(target);
    }
    return candidates.filter((target) => !barred.has(target));
};
exports.barRevokedOwners = barRevokedOwners;
exports.DESTINATION_POLICY = Symbol('DestinationPolicy');
/** `whsec_` and 24 random bytes in base64, as the Standard Webhooks spec writes a signing secret. */
const newSecret = () => `whsec_${(0, node_crypto_1.randomBytes)(24).toString('base64')}`;
const webhookView = (target) => ({
    id: target.id,
    url: target.url,
    ...target.filter,
    enabled: target.enabled,
    disabledReason: target.disabledReason,
    checkpoint: target.checkpoint,
    failures: target.failures,
    createdAt: target.createdAt,
    updatedAt: target.updatedAt,
});
exports.webhookView = webhookView;
/**
 * Webhooks as their owners manage them. A key sees and changes only the
 * webhooks it registered; a librarian's webhooks receive only the events
 * that involve its library.
 */
class WebhooksService {
    targets;
    dispatcher;
    destinations;
    store;
    clock;
    ids;
    constructor(targets, dispatcher, destinations, store, clock, ids) {
        this.targets = targets;
        this.dispatcher = dispatcher;
        this.destinations = destinations;
        this.store = store;
        this.clock = clock;
        this.ids = ids;
    }
    /** New webhooks start at the head of the log: they receive what happens from now on (replay reaches back). */
    async create(owner, url, filter) {
        await this.destinations.check(url, 'url');
        const now = this.clock.now().toISOString();
        const target = {
            id: this.ids.next(),
            kind: exports.WEBHOOK,
            url,
            filter,
            owner: { keyId: owner.keyId, role: owner.role, ...(owner.library ? { library: owner.library } : {}) },
            secret: newSecret(),
            enabled: true,
            disabledReason: null,
            checkpoint: await this.store.headPosition(),
            failures: 0,
            createdAt: now,
            updatedAt: now,
        };
        await this.dispatcher.reconfigure(target.id, () => this.targets.create(target));
        return { webhook: (0, exports.webhookView)(target), secret: target.secret };
    }
    async list(owner) {
        return (await this.targets.ownedBy(exports.WEBHOOK, owner.keyId)).map(exports.webhookView);
    }
    /** A coordinator reads any webhook (to see why one stopped, e.g. its owner key was revoked); others only their own. */
    async get(viewer, id) {
        const target = await this.owned(viewer, id, viewer.role === 'coordinator');
        return { ...(0, exports.webhookView)(target), ownerKeyId: target.owner.keyId };
    }
    /** Changes the URL or filters; `enabled: true` re-enables a disabled webhook where it stopped. */
    async update(owner, id, changes) {
        const target = await this.owned(owner, id);
        if (changes.url !== undefined)
            await this.destinations.check(changes.url, 'url');
        const update = {
            ...(changes.url !== undefined ? { url: changes.url } : {}),
            ...(changes.filter ? { filter: { ...target.filter, ...changes.filter } } : {}),
            ...(changes.enabled !== undefined ? { enabled: changes.enabled, disabledReason: changes.enabled ? null : 'disabled by its owner', failures: 0 } : {}),
            updatedAt: this.clock.now().toISOString(),
        };
        return (0, exports.webhookView)(await this.change(id, update));
    }
    /** A new secret, shown once; the old one stops signing at once. */
    async rotateSecret(owner, id) {
        await this.owned(owner, id);
        const secret = newSecret();
        const target = await this.change(id, { secret, updatedAt: this.clock.now().toISOString() });
        return { webhook: (0, exports.webhookView)(target), secret };
    }
    /** Delivers again every wanted event after `after` (null: from the start of the log). */
    async replay(owner, id, after) {
        await this.owned(owner, id);
        return (0, exports.webhookView)(await this.change(id, { checkpoint: after, updatedAt: this.clock.now().toISOString() }));
    }
    /** A revoked key's webhooks stop at once: disabled with OWNER_KEY_REVOKED, kept for its owner's coordinator to see. */
    async ownerRevoked(keyId) {
        const enabled = (await this.targets.ownedBy(exports.WEBHOOK, keyId)).filter((target) => target.enabled);
        const changes = { enabled: false, disabledReason: exports.OWNER_KEY_REVOKED, updatedAt: this.clock.now().toISOString() };
        return Promise.all(enabled.map(async (target) => (0, exports.webhookView)(await this.change(target.id, changes))));
    }
    async remove(owner, id) {
        await this.owned(owner, id);
        await this.dispatcher.reconfigure(id, () => this.targets.remove(id));
    }
    async deliveries(owner, id, before, limit) {
        await this.owned(owner, id);
        const items = await this.targets.attempts(id, before, limit);
        return { items, next: items.length === limit ? items[items.length - 1].id : null };
    }
    async change(id, changes) {
        const target = await this.dispatcher.reconfigure(id, () => this.targets.update(id, changes));
        if (!target)
            throw new errors_1.NotFound('webhook-not-found', `there is no webhook ${id}`);
        return target;
    }
    /** Someone else's webhook is answered as missing, so ids of others' webhooks are not revealed. */
    async owned(owner, id, anyOwner = false) {
        const target = await this.targets.find(id);
        if (!target || target.kind !== exports.WEBHOOK || (!anyOwner && target.owner.keyId !== owner.keyId))
            throw new errors_1.NotFound('webhook-not-found', `there is no webhook ${id}`);
        return target;
    }
}
exports.WebhooksService = WebhooksService;
//# sourceMappingURL=webhooks.service.js.map