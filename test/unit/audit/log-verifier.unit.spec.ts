import { randomUUID } from 'node:crypto';
import { storeAuditLog, storedOf } from '../../../src/application/audit/log-reader';
import { LogVerifier, type VerifyOptions } from '../../../src/application/audit/log-verifier';
import { SEAL_STREAM, sealData } from '../../../src/application/audit/seal';
import type { SealKeys } from '../../../src/application/audit/seal-signature';
import { Sealer } from '../../../src/application/audit/sealer';
import { eventHash } from '../../../src/application/event-store/hash-chain';
import type { NewEvent, RecordedEvent } from '../../../src/application/ports/event-store.port';
import { openSqliteDatabase } from '../../../src/infrastructure/event-store/sqlite/sqlite-database';
import { SqliteEventStore } from '../../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { sealKeysOf } from '../../support/seal-keys';

const event = (n: number): NewEvent => ({
  eventId: randomUUID(),
  type: 'ServiceRendered',
  data: { n },
  metadata: { actor: { role: 'system' }, correlationId: 'c', causationId: 'c', recordedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString() },
});

/** Streams a and b interleaved and c of one event, sealed every `every` events, read back whole. */
const sealedLog = async (every = 6): Promise<{ log: RecordedEvent[]; keys: SealKeys }> => {
  const store = new SqliteEventStore(openSqliteDatabase(':memory:'), { ownsDatabase: true });
  const keys = sealKeysOf();
  const sealer = new Sealer({ store, log: storeAuditLog(store), keys, clock: { now: () => new Date('2026-02-01T00:00:00Z') }, ids: { next: randomUUID } }, every);
  for (let n = 1; n <= 10; n += 1) {
    await store.append(n === 3 ? 'service-c' : n % 2 === 0 ? 'service-a' : 'service-b', [event(n)], 'any');
    if (n === 7) await sealer.sealAll();
  }
  await sealer.sealAll();
  await store.append('service-a', [event(11)], 'any');
  const log = await store.readAll({ limit: 100 });
  await store.close();
  return { log, keys };
};

const verifyWith = async (log: readonly RecordedEvent[], keys: SealKeys, options: Partial<VerifyOptions>) => {
  const verifier = new LogVerifier({ keys: await keys.published(), ...options });
  for (const e of log) await verifier.add(storedOf(e));
  return verifier.finish();
};

/** The events in (after, last] of the log, as a store or a second pass over a file gives them again. */
const rereadFrom = (log: readonly RecordedEvent[]) =>
  async function* (after: string | null, last: string) {
    for (const e of log) if (BigInt(e.position) > BigInt(after ?? 0) && BigInt(e.position) <= BigInt(last)) yield storedOf(e);
  };

/** Holding every unsealed event, and holding one and reading each range again: the same report. */
const verify = async (log: readonly RecordedEvent[], keys: SealKeys, options: Partial<VerifyOptions> = {}) => {
  const holding = await verifyWith(log, keys, options);
  expect(await verifyWith(log, keys, { ...options, holdAtMost: 1, reread: rereadFrom(log) })).toEqual(holding);
  return holding;
};

const rehashed = (e: RecordedEvent, change: Partial<RecordedEvent>): RecordedEvent => {
  const changed = { ...e, ...change };
  return { ...changed, hash: eventHash(changed, changed.prevHash) };
};

describe('the log verifier', () => {
  it('verifies a sealed log and counts what the seals leave out', async () => {
    const { log, keys } = await sealedLog();
    const seals = log.filter((e) => e.streamId === SEAL_STREAM);
    // 1–6 and 7 (what was recorded when the sealer was asked, in seals of at most 6); then the two seals and 8–10. The 11th event is after the last seal.
    expect(seals.map((seal) => sealData(seal).eventCount)).toEqual([6, 1, 5]);
    expect(await verify(log, keys)).toEqual({
      verified: true, events: log.length, streams: 4, seals: 3, firstPosition: '1', lastPosition: String(log.length),
      lastSealedPosition: sealData(seals[2]).lastPosition, unsealedEvents: 1,
    });
  });

  it('verifies a log sealed after the fact, its seals all at its end, holding a few events and reading each range again', async () => {
    const store = new SqliteEventStore(openSqliteDatabase(':memory:'), { ownsDatabase: true });
    const keys = sealKeysOf();
    for (let n = 1; n <= 10; n += 1) await store.append(n % 2 === 0 ? 'service-a' : 'service-b', [event(n)], 'any');
    await new Sealer({ store, log: storeAuditLog(store), keys, clock: { now: () => new Date('2026-02-01T00:00:00Z') }, ids: { next: randomUUID } }, 3).sealAll();
    await store.append('service-a', [event(11)], 'any');
    const log = await store.readAll({ limit: 100 });
    await store.close();
    const asked: string[] = [];
    const reread = rereadFrom(log);
    const report = await verifyWith(log, keys, { holdAtMost: 2, reread: (after, last) => (asked.push(`${after}-${last}`), reread(after, last)) });
    expect(report).toEqual({ verified: true, events: 15, streams: 3, seals: 4, firstPosition: '1', lastPosition: '15', lastSealedPosition: '10', unsealedEvents: 1 });
    expect(asked).toEqual(['null-3', '3-6', '6-9', '9-10']);
    const forged = log.map((e) => (e.position === '5' ? rehashed(e, { data: { n: 50 } }) : e));
    expect(await verify(forged, keys)).toMatchObject({ verified: false, mismatch: { kind: 'chain-broken', position: '7' } });
  });

  it('names a prevHash that does not follow its stream chain-broken', async () => {
    const { log, keys } = await sealedLog();
    const forged = log.map((e) => (e.position === '4' ? rehashed(e, { prevHash: 'f'.repeat(64) }) : e));
    expect(await verify(forged, keys)).toMatchObject({ verified: false, mismatch: { kind: 'chain-broken', position: '4', streamId: 'service-a' } });
  });

  it('catches two events of different streams swapped by the sealed root, not by the chains', async () => {
    const { log, keys } = await sealedLog();
    const swapped = log.map((e, i) => (i === 1 ? { ...log[2], position: e.position } : i === 2 ? { ...log[1], position: e.position } : e));
    expect(await verify(swapped, keys)).toMatchObject({ verified: false, mismatch: { kind: 'seal-mismatch', streamId: SEAL_STREAM } });
  });

  it('names the last event of a stream deleted from a sealed range event-missing, at the seal', async () => {
    const { log, keys } = await sealedLog();
    const seal = log.find((e) => e.streamId === SEAL_STREAM)!;
    expect(await verify(log.filter((e) => e.streamId !== 'service-c'), keys)).toMatchObject({
      verified: false, mismatch: { kind: 'event-missing', position: seal.position, streamId: 'service-c' },
    });
  });

  it('names a seal deleted event-missing on the seal stream', async () => {
    const { log, keys } = await sealedLog();
    const [first] = log.filter((e) => e.streamId === SEAL_STREAM);
    expect(await verify(log.filter((e) => e !== first), keys)).toMatchObject({ verified: false, mismatch: { kind: 'event-missing', streamId: SEAL_STREAM } });
  });

  it('checks a window: chains from where it starts, roots only of seals wholly inside it', async () => {
    const { log, keys } = await sealedLog();
    const from = String(Number(sealData(log.find((e) => e.streamId === SEAL_STREAM)!).lastPosition) + 1);
    const window = log.filter((e) => BigInt(e.position) >= BigInt(from));
    // The first seal is in the window, its range is not: its signature is checked, its root cannot be.
    expect(await verify(window, keys, { from })).toMatchObject({ verified: true, events: window.length, seals: 3 });
    const forged = window.map((e, i) => (i === 0 ? rehashed(e, { data: { n: 99 } }) : e));
    const secondSeal = log.filter((e) => e.streamId === SEAL_STREAM)[1];
    expect(await verify(forged, keys, { from })).toMatchObject({ verified: false, mismatch: { kind: 'seal-mismatch', position: secondSeal.position, streamId: 'service-b' } });
  });

  it('refuses a seal signed by a key it was not given', async () => {
    const { log } = await sealedLog();
    expect(await verify(log, sealKeysOf())).toMatchObject({ verified: false, mismatch: { kind: 'bad-signature', streamId: SEAL_STREAM } });
  });
});
