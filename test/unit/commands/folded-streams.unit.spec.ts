import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { FoldedStreams } from '../../../src/application/commands/folded-streams';
import type { RecordedEvent } from '../../../src/application/ports/event-store.port';
import type { DomainEvent } from '../../../src/domain/shared/decider';
import { openSqliteDatabase } from '../../../src/infrastructure/event-store/sqlite/sqlite-database';
import { SqliteEventStore } from '../../../src/infrastructure/event-store/sqlite/sqlite-event-store';

type Added = DomainEvent<'Added', { n: number }>;
const summing = { initialState: () => [] as number[], evolve: (state: number[], event: Added) => [...state, event.data.n] };
const added = (n: number) => ({
  eventId: randomUUID(), type: 'Added', data: { n }, metadata: { actor: { role: 'system' as const }, correlationId: 'c', causationId: 'c' },
});

describe('folded streams', () => {
  let directory: string;
  let writer: SqliteEventStore;
  let reader: SqliteEventStore;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'ledger-folded-'));
    writer = new SqliteEventStore(openSqliteDatabase(join(directory, 'ledger.db')), { ownsDatabase: true });
    reader = new SqliteEventStore(openSqliteDatabase(join(directory, 'ledger.db')), { ownsDatabase: true });
  });
  afterEach(async () => {
    await writer.close();
    await reader.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('folds the whole stream once, then only what was appended since, by whichever process appended it', async () => {
    const reads: Array<[string, number | undefined]> = [];
    const readStream = reader.readStream.bind(reader);
    reader.readStream = (streamId: string, from?: number): Promise<RecordedEvent[]> => {
      reads.push([streamId, from]);
      return readStream(streamId, from);
    };
    const folded = new FoldedStreams(reader, summing);
    expect(await folded.read('s-1')).toEqual({ state: [], version: 0 });
    await writer.append('s-1', [added(1), added(2)], 'no_stream');
    expect(await folded.read('s-1')).toEqual({ state: [1, 2], version: 2 });
    await writer.append('s-1', [added(3)], 2);
    expect(await folded.read('s-1')).toEqual({ state: [1, 2, 3], version: 3 });
    expect(await folded.read('s-1')).toEqual({ state: [1, 2, 3], version: 3 });
    expect(reads).toEqual([['s-1', 1], ['s-1', 1], ['s-1', 3], ['s-1', 4]]);
  });

  it('folds only durable events for queries, and every committed one for commands', async () => {
    const syncs: Array<() => void> = [];
    const store = new SqliteEventStore(openSqliteDatabase(join(directory, 'held.db')), {
      ownsDatabase: true,
      syncWal: () => new Promise<void>((resolve) => syncs.push(resolve)),
    });
    try {
      const commands = new FoldedStreams(store, summing);
      const queries = new FoldedStreams(store, summing, { durable: true });
      const appended = store.append('s-1', [added(1)], 'no_stream');
      while (syncs.length === 0) await new Promise((resolve) => setImmediate(resolve));

      expect(await commands.read('s-1')).toEqual({ state: [1], version: 1 });
      expect(await queries.read('s-1')).toEqual({ state: [], version: 0 });

      syncs[0]();
      await appended;
      expect(await queries.read('s-1')).toEqual({ state: [1], version: 1 });
    } finally {
      for (const release of syncs) release();
      await store.close();
    }
  });

  it('keeps at most its bound of streams, dropping the least recently read', async () => {
    const folded = new FoldedStreams(reader, summing, { kept: 2 });
    for (const stream of ['a', 'b', 'c']) await writer.append(stream, [added(stream.charCodeAt(0))], 'no_stream');
    await folded.read('a');
    await folded.read('b');
    await folded.read('a');
    await folded.read('c');
    expect(await folded.read('b')).toEqual({ state: [98], version: 1 });
    expect((folded as unknown as { folded: Map<string, unknown> }).folded.size).toBe(2);
  });
});
