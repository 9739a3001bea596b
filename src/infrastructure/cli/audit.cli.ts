import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InclusionProof, SignedHead } from '../../application/audit/audit.service';
import { readLog, storedOf, type StoredEvent } from '../../application/audit/log-reader';
import { LogVerifier, windowHolds, type VerifyReport } from '../../application/audit/log-verifier';
import { rootFromInclusionProof } from '../../application/audit/merkle';
import { replayBalances, replayStream } from '../../application/audit/replay';
import { bodyOf, isSeal, leafOf, sealData } from '../../application/audit/seal';
import { readJwks, verifyBody, type SealJwk } from '../../application/audit/seal-signature';
import { hashMatches } from '../../application/event-store/hash-chain';
import { BeyondHead } from '../../application/ledger/beyond-head';
import { PartnerNotFound } from '../../domain/partners';
import { systemClock } from '../../application/ports/clock.port';
import type { EventStore, RecordedEvent } from '../../application/ports/event-store.port';
import { loadConfig } from '../config/config';
import { openSqliteDatabase } from '../event-store/sqlite/sqlite-database';
import { createEventStore } from '../event-store/event-store.factory';
import { readCut } from '../http/ledger/balance.dto';
import { DATABASE_FILE } from '../ledger.module';
import { readExport } from './export-file';

export type Io = Readonly<{ out: (text: string) => void; err: (text: string) => void }>;

export const AUDIT_USAGE = `  verify <export.ndjson[.gz]> [--public-key <jwk file>] [--head <head.json>]
                          check an export offline: hashes, chains, seals and signatures; exit 0 when verified
  prove <proof.json> [--public-key <jwk file>]
                          check an inclusion proof from GET /v1/audit/proof
  replay --to <position|instant> [--partner ISIL] [--export <file>]
                          balances as of that point, as GET /v1/balances?asOf= answers
  replay --stream <streamId> [--export <file>]
                          the aggregate's state after each of its events
`;

const USAGE_ERROR = 64;

const option = (args: readonly string[], name: string): string | undefined => {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args[at + 1];
};

/** A JSON file the user named (keys, a kept head, a proof) that is not JSON, or not what it was named for. */
export class BadJsonFile extends Error {
  constructor(file: string, what: string) {
    super(`${file}: ${what}`);
    this.name = 'BadJsonFile';
  }
}

const readJson = (file: string): unknown => {
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadJsonFile(file, `not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
};

const readKeys = (file: string): SealJwk[] => {
  const read = readJson(file);
  try {
    return readJwks(read);
  } catch {
    throw new BadJsonFile(file, 'not an Ed25519 public key or a key set, as GET /v1/audit/keys gives them');
  }
};

/** The auditor's own keys when given; else the ones the file carries, which prove consistency but not origin. */
const keysFor = (args: readonly string[], carried: readonly SealJwk[], io: Io): readonly SealJwk[] => {
  const file = option(args, '--public-key');
  if (file !== undefined) return readKeys(file);
  io.err('warning: checking signatures with the keys the file itself carries; pass --public-key with keys you fetched from GET /v1/audit/keys\n');
  return carried;
};

const printReport = (report: VerifyReport, io: Io): number => {
  if (report.verified) {
    io.out(
      `verified: ${report.events} events in ${report.streams} streams, ${report.seals} seals; last sealed position ${report.lastSealedPosition ?? 'none'}, ` +
        `${report.unsealedEvents} events after the last seal\n${JSON.stringify(report)}\n`,
    );
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
const secondCursor = (events: () => AsyncGenerator<StoredEvent>) => {
  let cursor: AsyncGenerator<StoredEvent> | undefined;
  let ahead: StoredEvent | undefined;
  return async function* range(after: string | null, last: string): AsyncGenerator<StoredEvent> {
    cursor ??= events();
    const [from, to] = [after === null ? 0n : BigInt(after), BigInt(last)];
    for (;;) {
      const event = ahead ?? (await cursor.next()).value;
      ahead = undefined;
      if (event === undefined) return;
      const at = BigInt(event.position);
      if (at <= from) continue;
      if (at > to) {
        ahead = event;
        return;
      }
      yield event;
    }
  };
};

export const verifyExport = async (args: readonly string[], io: Io): Promise<number> => {
  const file = args[0];
  if (file === undefined || file.startsWith('--')) return usage(io);
  const { header, events, batches } = await readExport(file);
  const keys = keysFor(args, header.keys ?? [], io);
  const headFile = option(args, '--head');
  let expectHead: { position: string; hash: string } | undefined;
  if (headFile !== undefined) {
    const { signature, ...body } = readJson(headFile) as SignedHead;
    if (!verifyBody(keys, body.keyId, body, signature)) {
      io.out(`NOT VERIFIED: bad-signature of the kept head ${headFile}\n`);
      return 1;
    }
    if (body.position !== null && body.hash !== null) expectHead = { position: body.position, hash: body.hash };
  }
  // An export of a window that does not reach the kept head cannot hold it: that says nothing of a truncation.
  if (expectHead !== undefined && !windowHolds(header, expectHead.position)) {
    io.err(
      `the kept head ${headFile} is at position ${expectHead.position}, outside the export's window (from ${header.from ?? 'the start'} to ${header.to ?? 'the end'}): ` +
        'check it against an export that holds that position\n',
    );
    return USAGE_ERROR;
  }
  async function* stored(): AsyncGenerator<StoredEvent> {
    for await (const event of events()) yield storedOf(event);
  }
  const verifier = new LogVerifier({ keys, from: header.from, expectHead, reread: secondCursor(stored), gaplessPositions: header.gaplessPositions === true });
  for await (const batch of batches()) {
    for (const event of batch) {
      await verifier.add(storedOf(event));
      if (!verifier.wantsMore) return printReport(verifier.finish(), io);
    }
  }
  return printReport(verifier.finish(), io);
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isLogEntry = (value: unknown): boolean =>
  isRecord(value) && ['eventId', 'type', 'streamId', 'position', 'prevHash', 'hash'].every((field) => typeof value[field] === 'string');

/**
 * Why a file is not an inclusion proof at all, before any check reads it as
 * one: `curl … > proof.json` saves the route's problem too (409
 * event-not-sealed before the next seal), which is named rather than read.
 */
const notAProof = (value: unknown): string | undefined => {
  if (isRecord(value) && isLogEntry(value.event) && isLogEntry(value.seal) && Number.isInteger(value.leafIndex) &&
    Number.isInteger(value.treeSize) && Array.isArray(value.auditPath) && value.auditPath.every((hash) => typeof hash === 'string')) return undefined;
  const problem = isRecord(value) && typeof value.code === 'string' ? `: it holds the problem ${value.code} (${String(value.detail)})` : '';
  return `the file is not an inclusion proof${problem}`;
};

/** Every check an inclusion proof must pass, in order; the first that fails is named. */
const proofFailure = (proof: InclusionProof, keys: readonly SealJwk[]): string | undefined => {
  const { event, seal } = proof;
  if (!hashMatches(event, event.prevHash, event.hash)) return 'payload-altered: the event does not match its hash';
  if (!isSeal(seal) || !hashMatches(seal, seal.prevHash, seal.hash)) return 'seal-mismatch: the seal does not match its hash';
  const data = sealData(seal);
  if (!verifyBody(keys, data.keyId, bodyOf(data), data.signature)) return `bad-signature: the seal's signature does not verify with key ${data.keyId}`;
  const at = BigInt(event.position);
  if (!(at <= BigInt(data.lastPosition) && (data.afterPosition === null || at > BigInt(data.afterPosition)))) return 'seal-mismatch: the event is outside the sealed range';
  if (proof.treeSize !== data.eventCount) return 'seal-mismatch: the tree size is not the sealed event count';
  const root = rootFromInclusionProof(proof.leafIndex, proof.treeSize, leafOf(event), proof.auditPath.map((hash) => Buffer.from(hash, 'hex')));
  if (root === null || root.toString('hex') !== data.merkleRoot) return 'seal-mismatch: the audit path does not lead to the sealed Merkle root';
  // An event's position is not in its hash: the leaf it proved to be places it, when the sealed range has no gap.
  const first = BigInt(data.firstPosition);
  if (BigInt(data.lastPosition) - first + 1n === BigInt(data.eventCount) && at !== first + BigInt(proof.leafIndex)) {
    return `seal-mismatch: leaf ${proof.leafIndex} of the sealed range is position ${first + BigInt(proof.leafIndex)}, not ${event.position}`;
  }
  return undefined;
};

export const proveInclusion = async (args: readonly string[], io: Io): Promise<number> => {
  const file = args[0];
  if (file === undefined || file.startsWith('--')) return usage(io);
  const read = readJson(file);
  const unreadable = notAProof(read);
  if (unreadable !== undefined) {
    io.out(`NOT PROVED: ${unreadable}\n`);
    return 1;
  }
  const proof = read as InclusionProof;
  const keys = keysFor(args, proof.key === null ? [] : [proof.key], io);
  const failure = proofFailure(proof, keys);
  if (failure !== undefined) {
    io.out(`NOT PROVED: ${failure}\n`);
    return 1;
  }
  const { event, seal } = proof;
  io.out(
    `proved: ${event.type} ${event.eventId} (stream ${event.streamId}, position ${event.position}) is leaf ${proof.leafIndex} of the ` +
      `${proof.treeSize} events sealed at position ${seal.position}, signed by key ${sealData(seal).keyId}\n`,
  );
  return 0;
};

/**
 * The events to replay from an export file, or else from the event store the
 * settings name (the file in LEDGER_DATA_DIR, PostgreSQL or EventStoreDB), as
 * `read` takes them from it; and when the log was read: the export's time,
 * else now.
 */
const withLog = async <T>(
  args: readonly string[],
  read: (store: EventStore) => AsyncIterable<RecordedEvent>,
  work: (events: AsyncIterable<RecordedEvent>, readAt: string) => Promise<T>,
): Promise<T> => {
  const file = option(args, '--export');
  if (file !== undefined) {
    const { header, events } = await readExport(file);
    return work(events(), header.exportedAt);
  }
  const config = loadConfig();
  const db = openSqliteDatabase(join(config.dataDir, DATABASE_FILE));
  const store = await createEventStore(config, db, systemClock);
  try {
    // The clock is read before the log: whatever is appended meanwhile is recorded at or after it.
    const readAt = systemClock.now().toISOString();
    return await work(read(store), readAt);
  } finally {
    await store.close();
    db.close();
  }
};

async function* oneStream(store: EventStore, streamId: string): AsyncGenerator<RecordedEvent> {
  yield* await store.readStream(streamId);
}

export const replay = async (args: readonly string[], io: Io): Promise<number> => {
  const to = option(args, '--to');
  const streamId = option(args, '--stream');
  if ((to === undefined) === (streamId === undefined)) return usage(io);
  if (streamId !== undefined) {
    return withLog(args, (store) => oneStream(store, streamId), async (events) => {
      for await (const { event, state } of replayStream(events, streamId)) {
        io.out(`v${event.streamVersion} position ${event.position} ${event.type} at ${event.metadata.recordedAt}\n${JSON.stringify(state)}\n`);
      }
      return 0;
    });
  }
  const cut = readCut(to);
  if (cut === null) {
    io.err('--to must be a global position (digits) or an ISO 8601 instant with a zone\n');
    return USAGE_ERROR;
  }
  const partner = option(args, '--partner')?.toUpperCase();
  try {
    const answer = await withLog(args, (store) => readLog(store, null), (events, readAt) => replayBalances(events, cut, readAt, partner));
    io.out(`${JSON.stringify(answer, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof BeyondHead) && !(error instanceof PartnerNotFound)) throw error;
    io.err(`${error.message}\n`);
    return 1;
  }
};

const usage = (io: Io): number => {
  io.err(`usage: npm run cli -- <command>\n${AUDIT_USAGE}`);
  return USAGE_ERROR;
};

/** The CLI's audit commands, by name: each takes the arguments after its name and answers an exit code. */
export const AUDIT_COMMANDS: Readonly<Record<string, (args: readonly string[], io: Io) => Promise<number>>> = {
  verify: verifyExport,
  prove: proveInclusion,
  replay,
};
