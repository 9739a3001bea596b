"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Sealer = void 0;
const event_store_port_1 = require("../ports/event-store.port");
const merkle_1 = require("./merkle");
const log_reader_1 = require("./log-reader");
const seal_1 = require("./seal");
const seal_signature_1 = require("./seal-signature");
/**
 * Appends LedgerSealed events. A seal covers at most `maxEvents` events, so
 * catching up on a long unsealed log writes several seals of bounded size.
 * The append expects the seal stream at the version of the seal it chains
 * to: of two sealers racing for one range, exactly one wins.
 */
class Sealer {
    deps;
    maxEvents;
    last;
    constructor(deps, maxEvents) {
        this.deps = deps;
        this.maxEvents = maxEvents;
    }
    /**
     * Seals everything recorded before the call, in seals of at most
     * `maxEvents` events; returns the seals written. What is recorded
     * meanwhile waits for the next call: chasing the head instead, a sealer
     * under steady traffic never stopped, each seal covering the few events
     * recorded while the one before it was written.
     */
    async sealAll() {
        const head = await this.deps.store.headPosition();
        if (head === null)
            return 0;
        let written = 0;
        while (await this.sealNext(head))
            written += 1;
        return written;
    }
    /** One seal over the next range (up to `upTo` when given), or null when nothing but seals was recorded there since the last one. */
    async sealNext(upTo = null) {
        const previous = await this.lastSeal();
        const range = await this.rangeAfter(previous, upTo);
        if (range === null || range.onlySeals)
            return null;
        const { keys, clock, ids, store } = this.deps;
        const body = {
            afterPosition: previous === null ? null : (0, seal_1.sealData)(previous).lastPosition,
            firstPosition: range.first.position,
            lastPosition: range.last.position,
            eventCount: range.count,
            merkleRoot: range.root,
            streamHeads: range.heads,
            previousSealHash: previous === null ? null : previous.hash,
            sealedAt: clock.now().toISOString(),
            keyId: keys.signing.kid,
        };
        const eventId = ids.next();
        const event = {
            eventId,
            type: seal_1.LEDGER_SEALED,
            data: { ...body, signature: (0, seal_signature_1.signBody)(keys.signing.privateKey, body) },
            metadata: { actor: { role: 'system' }, correlationId: eventId, causationId: eventId, recordedAt: body.sealedAt },
        };
        this.last = undefined;
        try {
            const { streamVersion } = await store.append(seal_1.SEAL_STREAM, [event], previous === null ? 'no_stream' : previous.streamVersion);
            [this.last] = await store.readStream(seal_1.SEAL_STREAM, streamVersion);
            return this.last;
        }
        catch (error) {
            if (error instanceof event_store_port_1.ConcurrencyError)
                return null;
            throw error;
        }
    }
    /** The newest seal: read once, then kept as this sealer writes; read again after a race. */
    async lastSeal() {
        if (this.last === undefined)
            this.last = await this.deps.store.readLastOfStream(seal_1.SEAL_STREAM);
        return this.last;
    }
    async rangeAfter(previous, upTo) {
        const tree = new merkle_1.MerkleBuilder();
        const heads = {};
        let first;
        let last;
        let onlySeals = true;
        reading: for await (const batch of (0, log_reader_1.readStored)(this.deps.log, previous === null ? null : (0, seal_1.sealData)(previous).lastPosition, upTo)) {
            for (const event of batch) {
                first ??= event;
                last = event;
                tree.addHex(event.hash);
                heads[event.streamId] = { version: event.streamVersion, hash: event.hash };
                if (!(0, seal_1.isSeal)(event))
                    onlySeals = false;
                if (tree.size === this.maxEvents)
                    break reading;
            }
        }
        if (first === undefined || last === undefined)
            return null;
        return { first, last, count: tree.size, root: tree.root().toString('hex'), heads, onlySeals };
    }
}
exports.Sealer = Sealer;
//# sourceMappingURL=sealer.js.map