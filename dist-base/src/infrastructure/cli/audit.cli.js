"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AUDIT_COMMANDS = exports.replay = exports.proveInclusion = exports.verifyExport = exports.AUDIT_USAGE = void 0;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const log_reader_1 = require("../../application/audit/log-reader");
const log_verifier_1 = require("../../application/audit/log-verifier");
const merkle_1 = require("../../application/audit/merkle");
const replay_1 = require("../../application/audit/replay");
const seal_1 = require("../../application/audit/seal");
const seal_signature_1 = require("../../application/audit/seal-signature");
const hash_chain_1 = require("../../application/event-store/hash-chain");
const clock_port_1 = require("../../application/ports/clock.port");
const config_1 = require("../config/config");
const sqlite_database_1 = require("../event-store/sqlite/sqlite-database");
const event_store_factory_1 = require("../event-store/event-store.factory");
const balance_dto_1 = require("../http/ledger/balance.dto");
const ledger_module_1 = require("../ledger.module");
const export_file_1 = require("./export-file");
exports.AUDIT_USAGE = `  verify <export.ndjson[.gz]> [--public-key <jwk file>] [--head <head.json>]
                          check an export offline: hashes, chains, seals and signatures; exit 0 when verified
  prove <proof.json> [--public-key <jwk file>]
                          check an inclusion proof from GET /v1/audit/proof
  replay --to <position|instant> [--partner ISIL] [--export <file>]
                          balances as of that point, as GET /v1/balances?asOf= answers
  replay --stream <streamId> [--export <file>]
                          the aggregate's state after each of its events
`;
const USAGE_ERROR = 64;
const option = (args, name) => {
    const at = args.indexOf(name);
    return at < 0 ? undefined : args[at + 1];
};
const readJson = (file) => JSON.parse((0, node_fs_1.readFileSync)(file, 'utf8'));
/** The auditor's own keys when given; else the ones the file carries, which prove consistency but not origin. */
const keysFor = (args, carried, io) => {
    const file = option(args, '--public-key');
    if (file !== undefined)
        return (0, seal_signature_1.readJwks)(readJson(file));
    io.err('warning: checking signatures with the keys the file itself carries; pass --public-key with keys you fetched from GET /v1/audit/keys\n');
    return carried;
};
const printReport = (report, io) => {
    if (report.verified) {
        io.out(`verified: ${report.events} events in ${report.streams} streams, ${report.seals} seals; last sealed position ${report.lastSealedPosition ?? 'none'}, ` +
            `${report.unsealedEvents} events after the last seal\n${JSON.stringify(report)}\n`);
        return 0;
    }
    const { kind, position, eventId, streamId, detail } = report.mismatch;
    io.out(`NOT VERIFIED: ${kind} at position ${position} (event ${eventId || '-'}, stream ${streamId || '-'}): ${detail}\n${JSON.stringify(report)}\n`);
    return 1;
};
/**
 * Ranges of the file read again, in increasing order, by one more pass over
 * it that goes forward only: the verifier asks for a range only when its seal
 * comes long after it.
 */
const secondCursor = (events) => {
    let cursor;
    let ahead;
    return async function* range(after, last) {
        cursor ??= events();
        const [from, to] = [after === null ? 0n : BigInt(after), BigInt(last)];
        for (;;) {
            const event = ahead ?? (await cursor.next()).value;
            ahead = undefined;
            if (event === undefined)
                return;
            const at = BigInt(event.position);
            if (at <= from)
                continue;
            if (at > to) {
                ahead = event;
                return;
            }
            yield event;
        }
    };
};
const verifyExport = async (args, io) => {
    const file = args[0];
    if (file === undefined || file.startsWith('--'))
        return usage(io);
    const { header, events, batches } = await (0, export_file_1.readExport)(file);
    const keys = keysFor(args, header.keys ?? [], io);
    const headFile = option(args, '--head');
    let expectHead;
    if (headFile !== undefined) {
        const { signature, ...body } = readJson(headFile);
        if (!(0, seal_signature_1.verifyBody)(keys, body.keyId, body, signature)) {
            io.out(`NOT VERIFIED: bad-signature of the kept head ${headFile}\n`);
            return 1;
        }
        if (body.position !== null && body.hash !== null)
            expectHead = { position: body.position, hash: body.hash };
    }
    async function* stored() {
        for await (const event of events())
            yield (0, log_reader_1.storedOf)(event);
    }
    const verifier = new log_verifier_1.LogVerifier({ keys, from: header.from, expectHead, reread: secondCursor(stored) });
    for await (const batch of batches()) {
        for (const event of batch) {
            await verifier.add((0, log_reader_1.storedOf)(event));
            if (!verifier.wantsMore)
                return printReport(verifier.finish(), io);
        }
    }
    return printReport(verifier.finish(), io);
};
exports.verifyExport = verifyExport;
/** Every check an inclusion proof must pass, in order; the first that fails is named. */
const proofFailure = (proof, keys) => {
    const { event, seal } = proof;
    if (!(0, hash_chain_1.hashMatches)(event, event.prevHash, event.hash))
        return 'payload-altered: the event does not match its hash';
    if (!(0, seal_1.isSeal)(seal) || !(0, hash_chain_1.hashMatches)(seal, seal.prevHash, seal.hash))
        return 'seal-mismatch: the seal does not match its hash';
    const data = (0, seal_1.sealData)(seal);
    if (!(0, seal_signature_1.verifyBody)(keys, data.keyId, (0, seal_1.bodyOf)(data), data.signature))
        return `bad-signature: the seal's signature does not verify with key ${data.keyId}`;
    const at = BigInt(event.position);
    if (!(at <= BigInt(data.lastPosition) && (data.afterPosition === null || at > BigInt(data.afterPosition))))
        return 'seal-mismatch: the event is outside the sealed range';
    if (proof.treeSize !== data.eventCount)
        return 'seal-mismatch: the tree size is not the sealed event count';
    const root = (0, merkle_1.rootFromInclusionProof)(proof.leafIndex, proof.treeSize, (0, seal_1.leafOf)(event), proof.auditPath.map((hash) => Buffer.from(hash, 'hex')));
    if (root === null || root.toString('hex') !== data.merkleRoot)
        return 'seal-mismatch: the audit path does not lead to the sealed Merkle root';
    return undefined;
};
const proveInclusion = async (args, io) => {
    const file = args[0];
    if (file === undefined || file.startsWith('--'))
        return usage(io);
    const proof = readJson(file);
    const keys = keysFor(args, proof.key === null ? [] : [proof.key], io);
    const failure = proofFailure(proof, keys);
    if (failure !== undefined) {
        io.out(`NOT PROVED: ${failure}\n`);
        return 1;
    }
    const { event, seal } = proof;
    io.out(`proved: ${event.type} ${event.eventId} (stream ${event.streamId}, position ${event.position}) is leaf ${proof.leafIndex} of the ` +
        `${proof.treeSize} events sealed at position ${seal.position}, signed by key ${(0, seal_1.sealData)(seal).keyId}\n`);
    return 0;
};
exports.proveInclusion = proveInclusion;
/**
 * The events to replay from an export file, or else from the event store the
 * settings name (the file in LEDGER_DATA_DIR, PostgreSQL or EventStoreDB), as
 * `read` takes them from it.
 */
const withLog = async (args, read, work) => {
    const file = option(args, '--export');
    if (file !== undefined)
        return work((await (0, export_file_1.readExport)(file)).events());
    const config = (0, config_1.loadConfig)();
    const db = (0, sqlite_database_1.openSqliteDatabase)((0, node_path_1.join)(config.dataDir, ledger_module_1.DATABASE_FILE));
    const store = await (0, event_store_factory_1.createEventStore)(config, db, clock_port_1.systemClock);
    try {
        return await work(read(store));
    }
    finally {
        await store.close();
        db.close();
    }
};
async function* oneStream(store, streamId) {
    yield* await store.readStream(streamId);
}
const replay = async (args, io) => {
    const to = option(args, '--to');
    const streamId = option(args, '--stream');
    if ((to === undefined) === (streamId === undefined))
        return usage(io);
    if (streamId !== undefined) {
        return withLog(args, (store) => oneStream(store, streamId), async (events) => {
            for await (const { event, state } of (0, replay_1.replayStream)(events, streamId)) {
                io.out(`v${event.streamVersion} position ${event.position} ${event.type} at ${event.metadata.recordedAt}\n${JSON.stringify(state)}\n`);
            }
            return 0;
        });
    }
    const cut = (0, balance_dto_1.readCut)(to);
    if (cut === null) {
        io.err('--to must be a global position (digits) or an ISO 8601 instant with a zone\n');
        return USAGE_ERROR;
    }
    const partner = option(args, '--partner')?.toUpperCase();
    const answer = await withLog(args, (store) => (0, log_reader_1.readLog)(store, null), (events) => (0, replay_1.replayBalances)(events, cut, partner));
    io.out(`${JSON.stringify(answer, null, 2)}\n`);
    return 0;
};
exports.replay = replay;
const usage = (io) => {
    io.err(`usage: npm run cli -- <command>\n${exports.AUDIT_USAGE}`);
    return USAGE_ERROR;
};
/** The CLI's audit commands, by name: each takes the arguments after its name and answers an exit code. */
exports.AUDIT_COMMANDS = {
    verify: exports.verifyExport,
    prove: exports.proveInclusion,
    replay: exports.replay,
};
//# sourceMappingURL=audit.cli.js.map