import { Inject, Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { DomainError, NotFound } from '../../domain/shared/errors';
import { CLOCK, type Clock } from '../ports/clock.port';
import { EVENT_STORE, type EventStore, type Position, type RecordedEvent } from '../ports/event-store.port';
import { LogVerifier, type VerifyReport } from './log-verifier';
import { AUDIT_LOG, readLog, readStored, recordedOf, type AuditLog, type StoredEvent } from './log-reader';
import { inclusionProof } from './merkle';
import { isSeal, leafOf, SEAL_STREAM, sealData } from './seal';
import { SEAL_KEYS, signBody, type SealJwk, type SealKeys } from './seal-signature';

export type AuditWindow = Readonly<{ from?: Position; to?: Position }>;
export type KeptHead = Readonly<{ position: Position; hash: string }>;

/** What `GET /v1/audit/proof` answers and `prove` checks: one event, its audit path, and the signed seal over it. */
export type InclusionProof = Readonly<{
  event: RecordedEvent;
  leafIndex: number;
  treeSize: number;
  auditPath: string[];
  seal: RecordedEvent;
  key: SealJwk | null;
}>;

/** The newest event, signed, for an auditor to keep outside the ledger: a later log must still hold it. */
export type SignedHead = Readonly<{
  position: Position | null;
  eventId: string | null;
  streamId: string | null;
  hash: string | null;
  lastSeal: { position: Position; hash: string; lastPosition: Position } | null;
  issuedAt: string;
  keyId: string;
  signature: string;
}>;

/**
 * What the export reads at a time, and the text it hands the response at a
 * time: one write per event costs more than the event, and both bounds are
 * in bytes too, so a run of large seals (1 MB each, with the heads of 10,000
 * streams) passes a few at a time. A batch parsed stays well under the 1 MB
 * V8's young generation starts with: a batch of 1,000 events (some 2 MB
 * parsed) outlived two scavenges while the writer drained it and the old
 * generation swelled with garbage.
 */
const EXPORT_BATCH = { limit: 200, maxBytes: 256 * 1024 } as const;
const EXPORT_CHUNK_BYTES = 64 * 1024;

/**
 * One event as a line of the export: the fields of GET /v1/events, data and
 * metadata written as the store keeps them (canonical JSON, the very text
 * that was hashed) rather than parsed and written again, which cost the
 * export most of its time and garbage. A text that spans lines (an edited
 * row) is parsed and written again, so a line is always one line.
 */
const lineOf = (event: StoredEvent): string => {
  if (/[\r\n]/.test(event.dataJson) || /[\r\n]/.test(event.metadataJson)) return `${JSON.stringify(recordedOf(event))}\n`;
  const { eventId, type, streamId, streamVersion, position, dataJson, metadataJson, prevHash, hash } = event;
  return (
    `{"eventId":${JSON.stringify(eventId)},"type":${JSON.stringify(type)},"streamId":${JSON.stringify(streamId)},"streamVersion":${streamVersion},` +
    `"position":${JSON.stringify(position)},"data":${dataJson},"metadata":${metadataJson},"prevHash":${JSON.stringify(prevHash)},"hash":${JSON.stringify(hash)}}\n`
  );
};

export const EXPORT_FORMAT = 'resource-sharing-ledger/export@1';

/** The header line of an export: what it covers, and the public keys its seals were signed with. */
export type ExportHeader = Readonly<{
  format: typeof EXPORT_FORMAT;
  from: Position | null;
  to: Position | null;
  exportedAt: string;
  keys: readonly SealJwk[];
  /** The store gives every position an event (see AuditLog): a file without a position in its window lost an event. */
  gaplessPositions?: boolean;
}>;

const afterOf = (from: Position | undefined): Position | null => (from === undefined || BigInt(from) <= 1n ? null : (BigInt(from) - 1n).toString());

/** The auditor's reads: verification, export, inclusion proofs, signed heads. */
@Injectable()
export class AuditService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(AUDIT_LOG) private readonly log: AuditLog,
    @Inject(SEAL_KEYS) private readonly keys: SealKeys,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  publicKeys(): Promise<readonly SealJwk[]> {
    return this.keys.published();
  }

  async verify(window: AuditWindow, expectHead?: KeptHead): Promise<VerifyReport> {
    const log = this.log;
    async function* reread(after: Position | null, last: Position): AsyncGenerator<StoredEvent> {
      for await (const batch of readStored(log, after, last)) yield* batch;
    }
    const verifier = new LogVerifier({ keys: await this.keys.published(), from: window.from, expectHead, reread, gaplessPositions: log.gaplessPositions });
    for await (const batch of readStored(log, afterOf(window.from), window.to)) {
      for (const event of batch) {
        await verifier.add(event);
        if (!verifier.wantsMore) return verifier.finish();
      }
    }
    return verifier.finish();
  }

  /**
   * The export as NDJSON: a header line, then every event (seals included)
   * with its hashes. Pulled a chunk at a time as the reader takes it, so its
   * memory does not grow with the log.
   */
  exportStream(window: AuditWindow): Readable {
    return Readable.from(this.exportLines(window), { objectMode: true, highWaterMark: 1 });
  }

  private async *exportLines(window: AuditWindow): AsyncGenerator<string> {
    const header: ExportHeader = {
      format: EXPORT_FORMAT,
      from: window.from ?? null,
      to: window.to ?? null,
      exportedAt: this.clock.now().toISOString(),
      keys: await this.keys.published(),
      ...(this.log.gaplessPositions ? { gaplessPositions: true } : {}),
    };
    yield `${JSON.stringify(header)}\n`;
    let chunk = '';
    for await (const batch of readStored(this.log, afterOf(window.from), window.to, EXPORT_BATCH)) {
      for (const event of batch) {
        chunk += lineOf(event);
        if (chunk.length >= EXPORT_CHUNK_BYTES) {
          yield chunk;
          chunk = '';
        }
      }
    }
    if (chunk !== '') yield chunk;
  }

  async proof(eventId: string): Promise<InclusionProof> {
    // The head first: an event past it (committed, its sync not yet ended) is not shown, not even as unsealed.
    const head = await this.store.headPosition();
    const event = await this.store.readEvent(eventId);
    if (event === null || head === null || BigInt(event.position) > BigInt(head)) {
      throw new NotFound('event-not-found', `the log holds no event ${eventId}`);
    }
    const seal = await this.sealOver(event.position);
    const { afterPosition, lastPosition, keyId } = sealData(seal);
    const leaves: Buffer[] = [];
    let leafIndex = -1;
    for await (const inRange of readLog(this.store, afterPosition, lastPosition)) {
      if (inRange.position === event.position) leafIndex = leaves.length;
      leaves.push(leafOf(inRange));
    }
    const path = inclusionProof(leaves, leafIndex).map((hash) => hash.toString('hex'));
    const key = (await this.keys.published()).find((candidate) => candidate.kid === keyId) ?? null;
    return { event, leafIndex, treeSize: leaves.length, auditPath: path, seal, key };
  }

  async head(): Promise<SignedHead> {
    const position = await this.store.headPosition();
    const [last] = position === null ? [] : await this.store.readAll({ after: afterOf(position), limit: 1 });
    const seal = await this.lastDurableSeal();
    const body = {
      position: last?.position ?? null,
      eventId: last?.eventId ?? null,
      streamId: last?.streamId ?? null,
      hash: last?.hash ?? null,
      lastSeal: seal === null ? null : { position: seal.position, hash: seal.hash, lastPosition: sealData(seal).lastPosition },
      issuedAt: this.clock.now().toISOString(),
      keyId: this.keys.signing.kid,
    };
    return { ...body, signature: signBody(this.keys.signing.privateKey, body) };
  }

  /**
   * The newest seal on disk. The sealer's latest may still wait for its sync
   * (the embedded store syncs its WAL off the event loop), and a signed head
   * must name nothing a power cut could take away: an auditor holding it
   * would then see a different seal at that position after a restart. The
   * sealer appends a seal only once the one before it was answered, so that
   * one is on disk.
   */
  private async lastDurableSeal(): Promise<RecordedEvent | null> {
    const latest = await this.store.readLastOfStream(SEAL_STREAM);
    if (latest === null) return null;
    return (await this.store.readDurableStream(SEAL_STREAM, Math.max(1, latest.streamVersion - 1))).at(-1) ?? null;
  }

  /** The seal whose range holds `position`: the first seal after it that reaches it. */
  private async sealOver(position: Position): Promise<RecordedEvent> {
    const at = BigInt(position);
    for await (const event of readLog(this.store, position)) {
      if (isSeal(event) && BigInt(sealData(event).lastPosition) >= at) return event;
    }
    throw new DomainError('event-not-sealed', `the event at position ${position} is not sealed yet; the next seal covers it`);
  }
}
