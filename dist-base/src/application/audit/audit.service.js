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
exports.AuditService = exports.EXPORT_FORMAT = void 0;
const common_1 = require("@nestjs/common");
const node_stream_1 = require("node:stream");
const errors_1 = require("../../domain/shared/errors");
const clock_port_1 = require("../ports/clock.port");
const event_store_port_1 = require("../ports/event-store.port");
const log_verifier_1 = require("./log-verifier");
const log_reader_1 = require("./log-reader");
const merkle_1 = require("./merkle");
const seal_1 = require("./seal");
const seal_signature_1 = require("./seal-signature");
/**
 * What the export reads at a time, and the text it hands the response at a
 * time: one write per event costs more than the event, and both bounds are
 * in bytes too, so a run of large seals (1 MB each, with the heads of 10,000
 * streams) passes a few at a time. A batch parsed stays well under the 1 MB
 * V8's young generation starts with: a batch of 1,000 events (some 2 MB
 * parsed) outlived two scavenges while the writer drained it and the old
 * generation swelled with garbage.
 */
const EXPORT_BATCH = { limit: 200, maxBytes: 256 * 1024 };
const EXPORT_CHUNK_BYTES = 64 * 1024;
/**
 * One event as a line of the export: the fields of GET /v1/events, data and
 * metadata written as the store keeps them (canonical JSON, the very text
 * that was hashed) rather than parsed and written again, which cost the
 * export most of its time and garbage. A text that spans lines (an edited
 * row) is parsed and written again, so a line is always one line.
 */
const lineOf = (event) => {
    if (/[\r\n]/.test(event.dataJson) || /[\r\n]/.test(event.metadataJson))
        return `${JSON.stringify((0, log_reader_1.recordedOf)(event))}\n`;
    const { eventId, type, streamId, streamVersion, position, dataJson, metadataJson, prevHash, hash } = event;
    return (`{"eventId":${JSON.stringify(eventId)},"type":${JSON.stringify(type)},"streamId":${JSON.stringify(streamId)},"streamVersion":${streamVersion},` +
        `"position":${JSON.stringify(position)},"data":${dataJson},"metadata":${metadataJson},"prevHash":${JSON.stringify(prevHash)},"hash":${JSON.stringify(hash)}}\n`);
};
exports.EXPORT_FORMAT = 'resource-sharing-ledger/export@1';
const afterOf = (from) => (from === undefined || BigInt(from) <= 1n ? null : (BigInt(from) - 1n).toString());
/** The auditor's reads: verification, export, inclusion proofs, signed heads. */
let AuditService = class AuditService {
    store;
    log;
    keys;
    clock;
    constructor(store, log, keys, clock) {
        this.store = store;
        this.log = log;
        this.keys = keys;
        this.clock = clock;
    }
    publicKeys() {
        return this.keys.published;
    }
    async verify(window, expectHead) {
        const log = this.log;
        async function* reread(after, last) {
            for await (const batch of (0, log_reader_1.readStored)(log, after, last))
                yield* batch;
        }
        const verifier = new log_verifier_1.LogVerifier({ keys: this.keys.published, from: window.from, expectHead, reread });
        for await (const batch of (0, log_reader_1.readStored)(log, afterOf(window.from), window.to)) {
            for (const event of batch) {
                await verifier.add(event);
                if (!verifier.wantsMore)
                    return verifier.finish();
            }
        }
        return verifier.finish();
    }
    /**
     * The export as NDJSON: a header line, then every event (seals included)
     * with its hashes. Pulled a chunk at a time as the reader takes it, so its
     * memory does not grow with the log.
     */
    exportStream(window) {
        return node_stream_1.Readable.from(this.exportLines(window), { objectMode: true, highWaterMark: 1 });
    }
    async *exportLines(window) {
        const header = { format: exports.EXPORT_FORMAT, from: window.from ?? null, to: window.to ?? null, exportedAt: this.clock.now().toISOString(), keys: this.keys.published };
        yield `${JSON.stringify(header)}\n`;
        let chunk = '';
        for await (const batch of (0, log_reader_1.readStored)(this.log, afterOf(window.from), window.to, EXPORT_BATCH)) {
            for (const event of batch) {
                chunk += lineOf(event);
                if (chunk.length >= EXPORT_CHUNK_BYTES) {
                    yield chunk;
                    chunk = '';
                }
            }
        }
        if (chunk !== '')
            yield chunk;
    }
    async proof(eventId) {
        // The head first: an event past it (committed, its sync not yet ended) is not shown, not even as unsealed.
        const head = await this.store.headPosition();
        const event = await this.store.readEvent(eventId);
        if (event === null || head === null || BigInt(event.position) > BigInt(head)) {
            throw new errors_1.NotFound('event-not-found', `the log holds no event ${eventId}`);
        }
        const seal = await this.sealOver(event.position);
        const { afterPosition, lastPosition, keyId } = (0, seal_1.sealData)(seal);
        const leaves = [];
        let leafIndex = -1;
        for await (const inRange of (0, log_reader_1.readLog)(this.store, afterPosition, lastPosition)) {
            if (inRange.position === event.position)
                leafIndex = leaves.length;
            leaves.push((0, seal_1.leafOf)(inRange));
        }
        const path = (0, merkle_1.inclusionProof)(leaves, leafIndex).map((hash) => hash.toString('hex'));
        const key = this.keys.published.find((candidate) => candidate.kid === keyId) ?? null;
        return { event, leafIndex, treeSize: leaves.length, auditPath: path, seal, key };
    }
    async head() {
        const position = await this.store.headPosition();
        const [last] = position === null ? [] : await this.store.readAll({ after: afterOf(position), limit: 1 });
        const seal = await this.lastDurableSeal();
        const body = {
            position: last?.position ?? null,
            eventId: last?.eventId ?? null,
            streamId: last?.streamId ?? null,
            hash: last?.hash ?? null,
            lastSeal: seal === null ? null : { position: seal.position, hash: seal.hash, lastPosition: (0, seal_1.sealData)(seal).lastPosition },
            issuedAt: this.clock.now().toISOString(),
            keyId: this.keys.signing.kid,
        };
        return { ...body, signature: (0, seal_signature_1.signBody)(this.keys.signing.privateKey, body) };
    }
    /**
     * The newest seal on disk. The sealer's latest may still wait for its sync
     * (the embedded store syncs its WAL off the event loop), and a signed head
     * must name nothing a power cut could take away: an auditor holding it
     * would then see a different seal at that position after a restart. The
     * sealer appends a seal only once the one before it was answered, so that
     * one is on disk.
     */
    async lastDurableSeal() {
        const latest = await this.store.readLastOfStream(seal_1.SEAL_STREAM);
        if (latest === null)
            return null;
        return (await this.store.readDurableStream(seal_1.SEAL_STREAM, Math.max(1, latest.streamVersion - 1))).at(-1) ?? null;
    }
    /** The seal whose range holds `position`: the first seal after it that reaches it. */
    async sealOver(position) {
        const at = BigInt(position);
        for await (const event of (0, log_reader_1.readLog)(this.store, position)) {
            if ((0, seal_1.isSeal)(event) && BigInt((0, seal_1.sealData)(event).lastPosition) >= at)
                return event;
        }
        throw new errors_1.DomainError('event-not-sealed', `the event at position ${position} is not sealed yet; the next seal covers it`);
    }
};
exports.AuditService = AuditService;
exports.AuditService = AuditService = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(event_store_port_1.EVENT_STORE)),
    __param(1, (0, common_1.Inject)(log_reader_1.AUDIT_LOG)),
    __param(2, (0, common_1.Inject)(seal_signature_1.SEAL_KEYS)),
    __param(3, (0, common_1.Inject)(clock_port_1.CLOCK)),
    __metadata("design:paramtypes", [Object, Object, Object, Object])
], AuditService);
//# sourceMappingURL=audit.service.js.map