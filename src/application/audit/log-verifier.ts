import { chainedHash, eventHash, GENESIS_HASH } from '../event-store/hash-chain';
import type { Position } from '../ports/event-store.port';
import type { StoredEvent } from './log-reader';
import { MerkleBuilder } from './merkle';
import { bodyOf, isSeal, SEAL_STREAM, type SealData } from './seal';
import { verifyBody, type SealJwk } from './seal-signature';

export const MISMATCH_KINDS = ['payload-altered', 'chain-broken', 'event-missing', 'reordered', 'seal-mismatch', 'bad-signature'] as const;
export type MismatchKind = (typeof MISMATCH_KINDS)[number];

export type Mismatch = Readonly<{ kind: MismatchKind; position: Position; eventId: string; streamId: string; detail: string }>;

export type Verified = Readonly<{
  verified: true;
  events: number;
  streams: number;
  seals: number;
  firstPosition: Position | null;
  lastPosition: Position | null;
  lastSealedPosition: Position | null;
  /** Events other than seals after the last seal's range: covered by the hash chains only, until the next seal. */
  unsealedEvents: number;
}>;
export type NotVerified = Readonly<{ verified: false; mismatch: Mismatch; eventsBeforeMismatch: number }>;
export type VerifyReport = Verified | NotVerified;

export type VerifyOptions = Readonly<{
  keys: readonly SealJwk[];
  /** The first position checked; before it, each stream's first event is taken as it stands. */
  from?: Position | null;
  /** A head the auditor kept (`GET /v1/audit/head`): the log must still hold that event. */
  expectHead?: Readonly<{ position: Position; hash: string }>;
  /**
   * The events in (after, last] read again from the same source, asked for in
   * increasing order. Given, the verifier holds the hashes of at most
   * `holdAtMost` unsealed events and reads again the range of a seal that comes
   * later than that (a log sealed after the fact, its seals all at its end);
   * without it, it holds them all.
   */
  reread?: (after: Position | null, last: Position) => AsyncIterable<StoredEvent>;
  holdAtMost?: number;
  /** The log gives every position an event (the embedded store): a position missing between two events is one deleted. */
  gaplessPositions?: boolean;
}>;

/** Whether a window of the log (an end left out is open) holds `position`: a kept head outside it cannot be checked there. */
export const windowHolds = (window: Readonly<{ from?: Position | null; to?: Position | null }>, position: Position): boolean =>
  (window.from == null || BigInt(position) >= BigInt(window.from)) && (window.to == null || BigInt(position) <= BigInt(window.to));

/** Twice the default seal: enough that a log sealed as it grows is never read twice; some 6 MB. */
export const HOLD_AT_MOST = 25_000;

/**
 * True when `hash` is the hash of the stored event. The stored text is
 * hashed as it is: a store keeps the canonical text it hashed, so a match
 * means these are the very bytes hashed at write time, and no event is
 * parsed to check it. Else the canonical form of what the text holds
 * decides, as for an event read back parsed (a store or a file that
 * reordered keys or spacing): the same verdict as `hashMatches` on the
 * parsed event.
 */
export const storedHashMatches = (event: StoredEvent): boolean => {
  if (chainedHash(event, event.dataJson, event.metadataJson, event.prevHash) === event.hash) return true;
  try {
    return eventHash({ ...event, data: JSON.parse(event.dataJson) as object, metadata: JSON.parse(event.metadataJson) as object }, event.prevHash) === event.hash;
  } catch {
    return false;
  }
};

/** A seal's data, parsed; undefined when it is not a JSON object. */
const sealDataOf = (event: StoredEvent): SealData | undefined => {
  try {
    const data = JSON.parse(event.dataJson) as unknown;
    return typeof data === 'object' && data !== null ? (data as SealData) : undefined;
  } catch {
    return undefined;
  }
};

type Head = { version: number; hash: string };
/** A sealed range as the log holds it; `nonSeals` counts its events in the window that are not seals. */
type Closed = { count: number; root: string; heads: Map<string, Head>; nonSeals: number };
/** What the verifier keeps of an event until a seal covers it. */
type Pending = { position: bigint; hash: string; streamId: string; version: number; seal: boolean };
type Gap = { mismatch: Mismatch; streamId: string; version: number };

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
export class LogVerifier {
  private readonly heads = new Map<string, Head>();
  private readonly from: bigint;
  private pending: Pending[] = [];
  /** Unsealed events at or before this position were let go; a seal over them has its range read again. */
  private forgotten = -1n;
  private readonly holdAtMost: number;
  private lastSeal: { hash: string; data: SealData } | null = null;
  private counts = { events: 0, seals: 0, unsealed: 0 };
  private firstPosition: Position | null = null;
  private lastPosition: Position | null = null;
  private mismatch?: Mismatch;
  private gap?: Gap;
  /** The first positions missing between two events of a gapless log: a deletion, named if nothing else is found. */
  private skipped?: Mismatch;
  private headSeen = false;

  constructor(private readonly options: VerifyOptions) {
    this.from = options.from === undefined || options.from === null ? 0n : BigInt(options.from);
    this.holdAtMost = options.reread === undefined ? Number.POSITIVE_INFINITY : (options.holdAtMost ?? HOLD_AT_MOST);
  }

  /** False once the outcome is known and further events cannot change it. */
  get wantsMore(): boolean {
    return this.mismatch === undefined;
  }

  async add(event: StoredEvent): Promise<void> {
    if (this.mismatch !== undefined) return;
    if (this.gap !== undefined) return this.lookForGap(event);
    if (this.options.expectHead?.position === event.position && this.options.expectHead.hash === event.hash) this.headSeen = true;
    const found = this.checkEvent(event) ?? (isSeal(event) ? await this.checkSeal(event) : undefined);
    if (found !== undefined) {
      this.mismatch = found;
      return;
    }
    if (this.options.gaplessPositions && this.skipped === undefined && this.lastPosition !== null && BigInt(event.position) !== BigInt(this.lastPosition) + 1n) {
      this.skipped = this.positionsMissing(BigInt(this.lastPosition) + 1n, event);
    }
    this.firstPosition ??= event.position;
    this.lastPosition = event.position;
    this.counts.events += 1;
    if (!isSeal(event)) this.counts.unsealed += 1;
    this.pending.push({ position: BigInt(event.position), hash: event.hash, streamId: event.streamId, version: event.streamVersion, seal: isSeal(event) });
    if (this.pending.length >= 2 * this.holdAtMost) this.letGo(this.pending.length - this.holdAtMost);
  }

  /** Drops the oldest `count` unsealed events (amortised: once per `holdAtMost` events). */
  private letGo(count: number): void {
    this.forgotten = this.pending[count - 1].position;
    this.pending = this.pending.slice(count);
  }

  finish(): VerifyReport {
    if (this.gap !== undefined && this.mismatch === undefined) this.mismatch = this.gap.mismatch;
    // Events deleted and the log written on (a tail truncated, then a restart): no stream, chain or seal shows it.
    if (this.mismatch === undefined && this.skipped !== undefined) this.mismatch = this.skipped;
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
    if (this.mismatch !== undefined) return { verified: false, mismatch: this.mismatch, eventsBeforeMismatch: this.counts.events };
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

  private checkEvent(event: StoredEvent): Mismatch | undefined {
    const at = (kind: MismatchKind, detail: string): Mismatch => ({ kind, position: event.position, eventId: event.eventId, streamId: event.streamId, detail });
    if (!storedHashMatches(event)) return at('payload-altered', 'its hash does not match its content (type, data or metadata changed)');
    const head = this.heads.get(event.streamId);
    const trusted = head === undefined && this.from > 1n;
    const expected = head === undefined ? (trusted ? event.streamVersion : 1) : head.version + 1;
    if (event.streamVersion < expected) return at('reordered', `version ${event.streamVersion} comes after version ${expected - 1} of its stream`);
    if (event.streamVersion > expected) {
      this.gap = { streamId: event.streamId, version: expected, mismatch: at('event-missing', `version ${expected} of its stream is missing before version ${event.streamVersion}`) };
      return undefined;
    }
    const prevHash = head === undefined ? (trusted ? event.prevHash : GENESIS_HASH) : head.hash;
    if (event.prevHash !== prevHash) return at('chain-broken', `its prevHash is not the hash of version ${event.streamVersion - 1} of its stream`);
    if (head === undefined) this.heads.set(event.streamId, { version: event.streamVersion, hash: event.hash });
    else {
      head.version = event.streamVersion;
      head.hash = event.hash;
    }
    return undefined;
  }

  private positionsMissing(first: bigint, next: StoredEvent): Mismatch {
    const last = BigInt(next.position) - 1n;
    return {
      kind: 'event-missing',
      position: first.toString(),
      eventId: '',
      streamId: '',
      detail:
        `position${first === last ? ` ${first} holds` : `s ${first} to ${last} hold`} no event, and this log gives every position one: ` +
        `events were deleted there (the next event is at position ${next.position})`,
    };
  }

  /** After a gap, only the missing version matters: found later, the events were reordered. */
  private lookForGap(event: StoredEvent): void {
    const gap = this.gap!;
    if (event.streamId === gap.streamId && event.streamVersion === gap.version) {
      this.mismatch = { ...gap.mismatch, kind: 'reordered', detail: `version ${gap.version} of its stream comes later in the log, at position ${event.position}` };
    }
  }

  /**
   * Root, count and stream heads of the events in (after, last]: from the
   * pending events when it holds them all, else read again. Drops every
   * pending event up to `last`.
   */
  private async takeRange(after: bigint, last: bigint): Promise<Closed> {
    let kept = 0;
    while (kept < this.pending.length && this.pending[kept].position <= last) kept += 1;
    const held = this.pending.slice(0, kept);
    this.pending = this.pending.slice(kept);
    if (this.forgotten <= after || this.options.reread === undefined) return this.closeRange(held, after);
    const heldBefore = held.filter((entry) => entry.position <= after && !entry.seal).length;
    // Only what this verifier was given: the window starts at `from`.
    const start = after + 1n >= this.from ? after : this.from - 1n;
    const again: Pending[] = [];
    for await (const event of this.options.reread(start === 0n ? null : start.toString(), last.toString())) {
      again.push({ position: BigInt(event.position), hash: event.hash, streamId: event.streamId, version: event.streamVersion, seal: isSeal(event) });
    }
    const range = this.closeRange(again, after);
    return { ...range, nonSeals: range.nonSeals + heldBefore };
  }

  private closeRange(entries: readonly Pending[], after: bigint): Closed {
    const tree = new MerkleBuilder();
    const heads = new Map<string, Head>();
    let nonSeals = 0;
    for (const entry of entries) {
      if (!entry.seal) nonSeals += 1;
      if (entry.position <= after) continue;
      tree.addHex(entry.hash);
      heads.set(entry.streamId, { version: entry.version, hash: entry.hash });
    }
    return { count: tree.size, root: tree.root().toString('hex'), heads, nonSeals };
  }

  private async checkSeal(event: StoredEvent): Promise<Mismatch | undefined> {
    const at = (kind: MismatchKind, detail: string, streamId = SEAL_STREAM): Mismatch => ({ kind, position: event.position, eventId: event.eventId, streamId, detail });
    const data = sealDataOf(event);
    if (data === undefined) return at('seal-mismatch', "the seal's data is not a JSON object");
    if (!verifyBody(this.options.keys, data.keyId, bodyOf(data), data.signature)) {
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
      if (problem !== undefined) return problem;
    }
    this.lastSeal = { hash: event.hash, data };
    this.counts.seals += 1;
    this.counts.unsealed -= range.nonSeals;
    return undefined;
  }

  private compareRange(data: SealData, range: Closed, at: (kind: MismatchKind, detail: string, streamId?: string) => Mismatch): Mismatch | undefined {
    for (const [streamId, sealed] of Object.entries(data.streamHeads ?? {})) {
      const found = range.heads.get(streamId);
      if (found === undefined || found.version < sealed.version) {
        return at('event-missing', `the seal signed version ${sealed.version} of ${streamId}, the range holds ${found?.version ?? 'none'}`, streamId);
      }
      if (found.version !== sealed.version || found.hash !== sealed.hash) return at('seal-mismatch', `the head of ${streamId} differs from the sealed head`, streamId);
    }
    if (range.heads.size !== Object.keys(data.streamHeads ?? {}).length) return at('seal-mismatch', 'the range touches streams the seal does not name');
    if (range.count < data.eventCount) return at('event-missing', `the seal covers ${data.eventCount} events, the range holds ${range.count}`);
    if (range.count !== data.eventCount || range.root !== data.merkleRoot) return at('seal-mismatch', "the Merkle root of the range's event hashes differs from the sealed root");
    return undefined;
  }
}
