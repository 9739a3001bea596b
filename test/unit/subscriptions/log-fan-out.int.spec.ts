import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewEvent, Position, ReadAllOptions } from '../../../src/application/ports/event-store.port';
import { CloudEventRenderer, type RenderedEvent } from '../../../src/application/subscriptions/cloud-events';
import { LogFanOut } from '../../../src/application/subscriptions/log-fan-out';
import { openSqliteDatabase } from '../../../src/infrastructure/event-store/sqlite/sqlite-database';
import { SqliteEventStore } from '../../../src/infrastructure/event-store/sqlite/sqlite-event-store';

const registered = (isil: string): NewEvent => ({
  eventId: randomUUID(),
  type: 'PartnerRegistered',
  data: { isil, name: `Library ${isil}`, focalPoint: false, registeredAt: '2026-03-02T09:30:00.000Z' },
  metadata: { actor: { role: 'coordinator' }, correlationId: 'c', causationId: 'c', recordedAt: '2026-03-02T09:30:00.000Z' },
});

describe('the log fan-out shared by live readers', () => {
  let directory: string;
  let store: SqliteEventStore;
  let log: LogFanOut;
  let storeReads: Array<Position | null>;
  const CAPACITY = 8;

  const append = async (from: number, count: number) => {
    for (let i = from; i < from + count; i += 1) await store.append(`partner-DE-${i}`, [registered(`DE-${i}`)], 'no_stream');
  };

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'ledger-fan-out-'));
    store = new SqliteEventStore(openSqliteDatabase(join(directory, 'ledger.db')), { ownsDatabase: true });
    await append(0, 5);
    storeReads = [];
    const readAll = store.readAll.bind(store);
    // Counts the reads readers make of their own (the fan-out's subscription reads through the store's own path).
    const counting = Object.create(store) as SqliteEventStore;
    counting.readAll = (options: ReadAllOptions) => {
      storeReads.push(options.after ?? null);
      return readAll(options);
    };
    counting.subscribe = store.subscribe.bind(store);
    counting.headPosition = store.headPosition.bind(store);
    log = new LogFanOut(counting, new CloudEventRenderer({ source: 'urn:test', typePrefix: '' }), CAPACITY);
    await log.start();
  });
  afterEach(async () => {
    log.stop();
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  /** Reads with one reader until it has `count` events. */
  const take = async (from: Position | null, count: number, pause?: () => Promise<void>): Promise<string[]> => {
    const abort = new AbortController();
    const positions: string[] = [];
    for await (const batch of log.follow(from, abort.signal, 3)) {
      positions.push(...batch.map((rendered: RenderedEvent) => rendered.event.position));
      if (positions.length >= count) break;
      await pause?.();
    }
    abort.abort();
    return positions;
  };
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

  it('gives readers that follow the head what it read once, the same rendering to each, without reading the store for them', async () => {
    const first: RenderedEvent[] = [];
    const second: RenderedEvent[] = [];
    const follow = async (into: RenderedEvent[]) => {
      const abort = new AbortController();
      for await (const batch of log.follow('5', abort.signal)) {
        into.push(...batch);
        if (into.length >= 6) break;
      }
    };
    const readers = [follow(first), follow(second)];
    await append(5, 6);
    await Promise.all(readers);
    expect(first.map((rendered) => rendered.event.position)).toEqual(range(6, 11));
    expect(second).toEqual(first);
    for (const [index, rendered] of first.entries()) expect(second[index]).toBe(rendered);
    expect(storeReads).toEqual([]);
  });

  it('lets a reader from before the ring read the store on its own, then join the ring with no gap and no repeat', async () => {
    await append(5, 10);
    const positions = await take(null, 15);
    expect(positions).toEqual(range(1, 15));
    // It read the store only for what came before the fan-out started (positions 1 to 5).
    expect(storeReads.length).toBeGreaterThan(0);
    expect(storeReads.every((after) => after === null || Number(after) < 5)).toBe(true);
  });

  it('lets a reader that falls behind the ring catch up from the store and rejoin it', async () => {
    await append(5, 2);
    let appended = false;
    // While the reader holds its first batch, the log runs more than twice the ring's capacity ahead.
    const positions = await take('5', 26, async () => {
      if (appended) return;
      appended = true;
      await append(7, 3 * CAPACITY);
    });
    expect(positions).toEqual(range(6, 31));
    expect(storeReads.length).toBeGreaterThan(0);
  });

  it('ends its readers when it stops', async () => {
    const abort = new AbortController();
    const reading = (async () => {
      const seen: RenderedEvent[] = [];
      for await (const batch of log.follow('5', abort.signal)) seen.push(...batch);
      return seen;
    })();
    log.stop();
    expect(await reading).toEqual([]);
    expect(log.progress()).toMatchObject({ running: false, position: '5' });
  });
});
