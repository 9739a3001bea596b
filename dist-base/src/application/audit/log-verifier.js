"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.LogVerifier = exports.storedHashMatches = exports.HOLD_AT_MOST = exports.MISMATCH_KINDS = void 0;
const hash_chain_1 = require("../event-store/hash-chain");
const merkle_1 = require("./merkle");
const seal_1 = require("./seal");
const seal_signature_1 = require("./seal-signature");
exports.MISMATCH_KINDS = ['payload-altered', 'chain-broken', 'event-missing', 'reordered', 'seal-mismatch', 'bad-signature'];
/** Twice the default seal: enough that a log sealed as it grows is never read twice; some 6 MB. */
exports.HOLD_AT_MOST = 25_000;
/**
 * True when `hash` is the hash of the stored event. The stored text is
 * hashed as it is: a store keeps the canonical text it hashed, so a match
 * means these are the very bytes hashed at write time, and no event is
 * parsed to check it. Else the canonical form of what the text holds
 * decides, as for an event read back parsed (a store or a file that
 * reordered keys or spacing): the same verdict as `hashMatches` on the
 * parsed event.
 */
const storedHashMatches = (event) => {
    if ((0, hash_chain_1.chainedHash)(event, event.dataJson, event.metadataJson, event.prevHash) === event.hash)
        return true;
    try {
        return (0, hash_chain_1.eventHash)({ ...event, data: JSON.parse(event.dataJson), metadata: JSON.parse(event.metadataJson) }, event.prevHash) === event.hash;
    }
    catch {
        return false;
    }
};
exports.storedHashMatches = storedHashMatches;
/** A seal's data, parsed; undefined when it is not a JSON object. */
const sealDataOf = (event) => {
    try {
        const data = JSON.parse(event.dataJson);
        return typeof data === 'object' && data !== null ? data : undefined;
    }
    catch {
        return undefined;
    }
};
/**
 * Checks a log fed in position order, in one pass, holding per stream its head
 * and, of the events no seal has covered yet, their hashes (a seal's range
 * ends a little before the seal itself). Every event: its hash from its content
 * (payload-altered), its version and prevHash against its stream
 * (event-missing, reordered, chain-broken). Every seal: its signature
 * (bad-signature), its place in the chain of seals and its range's root,
 * count and stream heads (seal-mismatch; event-missing when a head it signed
 * is gone). The first mismatch ends the check; a version gap is named only
 * at the end, `reordered` if the missing version turned up later, else
 * `event-missing`.
 */
class LogVerifier {
    options;
    heads = new Map();
    from;
    pending = [];
    /** Unsealed events at or before this position were let go; a seal over them has its range read again. */
    forgotten = -1n;
    holdAtMost;
    lastSeal = null;
    counts = { events: 0, seals: 0, unsealed: 0 };
    firstPosition = null;
    lastPosition = null;
    mismatch;
    gap;
    headSeen = false;
    constructor(options) {
        this.options = options;
        this.from = options.from === undefined || options.from === null ? 0n : BigInt(options.from);
        this.holdAtMost = options.reread === undefined ? Number.POSITIVE_INFINITY : (options.holdAtMost ?? exports.HOLD_AT_MOST);
    }
    /** False once the outcome is known and further events cannot change it. */
    get wantsMore() {
        return this.mismatch === undefined;
    }
    async add(event) {
        if (this.mismatch !== undefined)
            return;
        if (this.gap !== undefined)
            return this.lookForGap(event);
        if (this.options.expectHead?.position === event.position && this.options.expectHead.hash === event.hash)
            this.headSeen = true;
        const found = this.checkEvent(event) ?? ((0, seal_1.isSeal)(event) ? await this.checkSeal(event) : undefined);
        if (found !== undefined) {
            this.mismatch = found;
            return;
        }
        this.firstPosition ??= event.position;
        this.lastPosition = event.position;
        this.counts.events += 1;
        if (!(0, seal_1.isSeal)(event))
            this.counts.unsealed += 1;
        this.pending.push({ position: BigInt(event.position), hash: event.hash, streamId: event.streamId, version: event.streamVersion, seal: (0, seal_1.isSeal)(event) });
        if (this.pending.length >= 2 * this.holdAtMost)
            this.letGo(this.pending.length - this.holdAtMost);
    }
    /** Drops the oldest `count` unsealed events (amortised: once per `holdAtMost` events). */
    letGo(count) {
        this.forgotten = this.pending[count - 1].position;
        this.pending = this.pending.slice(count);
    }
    finish() {
        if (this.gap !== undefined && this.mismatch === undefined)
            this.mismatch = this.gap.mismatch;
        const head = this.options.expectHead;
        if (this.mismatch === undefined && head !== undefined && !this.headSeen) {
            this.mismatch = {
                kind: 'event-missing',
                position: head.position,
                eventId: '',
                streamId: '',
                detail: `the log no longer holds the event of the kept head (position ${head.position}, hash ${head.hash}): it was truncated or rewritten`,
            };
        }
        if (this.mismatch !== undefined)
            return { verified: false, mismatch: this.mismatch, eventsBeforeMismatch: this.counts.events };
        return {
            verified: true,
            events: this.counts.events,
            streams: this.heads.size,
            seals: this.counts.seals,
            firstPosition: this.firstPosition,
            lastPosition: this.lastPosition,
            lastSealedPosition: this.lastSeal?.data.lastPosition ?? null,
            unsealedEvents: this.counts.unsealed,
        };
    }
    checkEvent(event) {
        const at = (kind, detail) => ({ kind, position: event.position, eventId: event.eventId, streamId: event.streamId, detail });
        if (!(0, exports.storedHashMatches)(event))
            return at('payload-altered', 'its hash does not match its content (type, data or metadata changed)');
        const head = this.heads.get(event.streamId);
        const trusted = head === undefined && this.from > 1n;
        const expected = head === undefined ? (trusted ? event.streamVersion : 1) : head.version + 1;
        if (event.streamVersion < expected)
            return at('reordered', `version ${event.streamVersion} comes after version ${expected - 1} of its stream`);
        if (event.streamVersion > expected) {
            this.gap = { streamId: event.streamId, version: expected, mismatch: at('event-missing', `version ${expected} of its stream is missing before version ${event.streamVersion}`) };
            return undefined;
        }
        const prevHash = head === undefined ? (trusted ? event.prevHash : hash_chain_1.GENESIS_HASH) : head.hash;
        if (event.prevHash !== prevHash)
            return at('chain-broken', `its prevHash is not the hash of version ${event.streamVersion - 1} of its stream`);
        if (head === undefined)
            this.heads.set(event.streamId, { version: event.streamVersion, hash: event.hash });
        else {
            head.version = event.streamVersion;
            head.hash = event.hash;
        }
        return undefined;
    }
    /** After a gap, only the missing version matters: found later, the events were reordered. */
    lookForGap(event) {
        const gap = this.gap;
        if (event.streamId === gap.streamId && event.streamVersion === gap.version) {
            this.mismatch = { ...gap.mismatch, kind: 'reordered', detail: `version ${gap.version} of its stream comes later in the log, at position ${event.position}` };
        }
    }
    /**
     * Root, count and stream heads of the events in (after, last]: from the
     * pending events when it holds them all, else read again. Drops every
     * pending event up to `last`.
     */
    async takeRange(after, last) {
        let kept = 0;
        while (kept < this.pending.length && this.pending[kept].position <= last)
            kept += 1;
        const held = this.pending.slice(0, kept);
        this.pending = this.pending.slice(kept);
        if (this.forgotten <= after || this.options.reread === undefined)
            return this.closeRange(held, after);
        const heldBefore = held.filter((entry) => entry.position <= after && !entry.seal).length;
        // Only what this verifier was given: the window starts at `from`.
        const start = after + 1n >= this.from ? after : this.from - 1n;
        const again = [];
        for await (const event of this.options.reread(start === 0n ? null : start.toString(), last.toString())) {
            again.push({ position: BigInt(event.position), hash: event.hash, streamId: event.streamId, version: event.streamVersion, seal: (0, seal_1.isSeal)(event) });
        }
        const range = this.closeRange(again, after);
        return { ...range, nonSeals: range.nonSeals + heldBefore };
    }
    closeRange(entries, after) {
        const tree = new merkle_1.MerkleBuilder();
        const heads = new Map();
        let nonSeals = 0;
        for (const entry of entries) {
            if (!entry.seal)
                nonSeals += 1;
            if (entry.position <= after)
                continue;
            tree.addHex(entry.hash);
            heads.set(entry.streamId, { version: entry.version, hash: entry.hash });
        }
        return { count: tree.size, root: tree.root().toString('hex'), heads, nonSeals };
    }
    async checkSeal(event) {
        const at = (kind, detail, streamId = seal_1.SEAL_STREAM) => ({ kind, position: event.position, eventId: event.eventId, streamId, detail });
        const data = sealDataOf(event);
        if (data === undefined)
            return at('seal-mismatch', "the seal's data is not a JSON object");
        if (!(0, seal_signature_1.verifyBody)(this.options.keys, data.keyId, (0, seal_1.bodyOf)(data), data.signature)) {
            return at('bad-signature', `the seal's signature does not verify with key ${String(data.keyId)}`);
        }
        const previous = this.lastSeal;
        if (previous !== null && (data.previousSealHash !== previous.hash || data.afterPosition !== previous.data.lastPosition)) {
            return at('seal-mismatch', 'the seal does not follow the previous seal (previousSealHash or afterPosition)');
        }
        const after = data.afterPosition === null ? 0n : BigInt(data.afterPosition);
        const range = await this.takeRange(after, BigInt(data.lastPosition));
        // A range that starts before the window cannot be recomputed from it; its signature was still checked.
        if (after + 1n >= this.from) {
            const problem = this.compareRange(data, range, at);
            if (problem !== undefined)
                return problem;
        }
        this.lastSeal = { hash: event.hash, data };
        this.counts.seals += 1;
        this.counts.unsealed -= range.nonSeals;
        return undefined;
    }
    compareRange(data, range, at) {
        for (const [streamId, sealed] of Object.entries(data.streamHeads ?? {})) {
            const found = range.heads.get(streamId);
            if (found === undefined || found.version < sealed.version) {
                return at('event-missing', `the seal signed version ${sealed.version} of ${streamId}, the range holds ${found?.version ?? 'none'}`, streamId);
            }
            if (found.version !== sealed.version || found.hash !== sealed.hash)
                return at('seal-mismatch', `the head of ${streamId} differs from the sealed head`, streamId);
        }
        if (range.heads.size !== Object.keys(data.streamHeads ?? {}).length)
            return at('seal-mismatch', 'the range touches streams the seal does not name');
        if (range.count < data.eventCount)
            return at('event-missing', `the seal covers ${data.eventCount} events, the range holds ${range.count}`);
        if (range.count !== data.eventCount || range.root !== data.merkleRoot)
            return at('seal-mismatch', "the Merkle root of the range's event hashes differs from the sealed root");
        return undefined;
    }
}
exports.LogVerifier = LogVerifier;
//# sourceMappingURL=log-verifier.js.map