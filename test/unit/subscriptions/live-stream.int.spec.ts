import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { NewEvent } from '../../../src/application/ports/event-store.port';
import { CloudEventRenderer } from '../../../src/application/subscriptions/cloud-events';
import { LogFanOut } from '../../../src/application/subscriptions/log-fan-out';
import { openSqliteDatabase } from '../../../src/infrastructure/event-store/sqlite/sqlite-database';
import { SqliteEventStore } from '../../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { LiveStream } from '../../../src/infrastructure/http/subscriptions/live-stream';

const registered = (isil: string): NewEvent => ({
  eventId: randomUUID(),
  type: 'PartnerRegistered',
  data: { isil, name: `Library ${isil} with a name long enough to fill a socket buffer quickly`, focalPoint: false, registeredAt: '2026-03-02T09:30:00.000Z' },
  metadata: { actor: { role: 'coordinator' }, correlationId: 'c', causationId: 'c', recordedAt: '2026-03-02T09:30:00.000Z' },
});

/** A client that reads what it is sent only when told to; until then everything waits in its buffer. */
class SlowClient extends Writable {
  text = '';
  private pending: Array<() => void> = [];
  constructor() {
    super({ highWaterMark: 1024, decodeStrings: false });
  }
  override _write(chunk: string | Buffer, _: string, callback: () => void) {
    this.text += chunk.toString();
    this.pending.push(callback);
  }
  /** Reads everything waiting, including what each read lets the stream hand over next. */
  readAll() {
    while (this.pending.length > 0) for (const callback of this.pending.splice(0)) callback();
  }
  /** The position of every frame, whose id is the position and the start of its event's hash. */
  ids = () => [...this.text.matchAll(/^id: (\d+)\.([0-9a-f]{16})$/gm)].map((match) => match[1]);
  hashPrefixes = () => [...this.text.matchAll(/^id: \d+\.([0-9a-f]{16})$/gm)].map((match) => match[1]);
}

describe('a live stream to a slow client', () => {
  let directory: string;
  let store: SqliteEventStore;
  let log: LogFanOut;

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'ledger-live-'));
    store = new SqliteEventStore(openSqliteDatabase(join(directory, 'ledger.db')), { ownsDatabase: true });
    for (let i = 0; i < 300; i += 1) await store.append(`partner-DE-${i}`, [registered(`DE-${i}`)], 'no_stream');
    log = new LogFanOut(store, new CloudEventRenderer({ source: 'urn:test', typePrefix: '' }));
    await log.start();
  });
  afterEach(async () => {
    log.stop();
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const open = (client: SlowClient, bufferBytes: number, heartbeatMs: number) =>
    new LiveStream(
      client,
      { log, heartbeatMs, bufferBytes, retryMs: 1000, onError: (error) => { throw error; } },
      () => true,
      null,
    );

  it('is cut off with a retry hint once it falls behind, holding no more than a batch beyond its bound', async () => {
    const client = new SlowClient();
    const stream = open(client, 4096, 50);
    await stream.done;
    client.readAll();
    expect(client.text).toMatch(/: too far behind; reconnect with Last-Event-ID\nretry: 1000\n\n$/);
    const ids = client.ids();
    expect(ids.length).toBeGreaterThan(0);
    // One batch of 200 at most was written before the stream noticed the client had not read it.
    expect(ids.length).toBeLessThanOrEqual(200);
    expect(ids).toEqual(ids.map((_, i) => String(i + 1)));
    // A client that never reads at all is let go.
    await once(client, 'close');
  });

  it('keeps a client that reads, however slowly, and gives it every event in order', async () => {
    const client = new SlowClient();
    const reader = setInterval(() => client.readAll(), 5);
    const stream = open(client, 1_048_576, 5000);
    try {
      for (let tries = 0; client.ids().length < 300 && tries < 1000; tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      clearInterval(reader);
    }
    await stream.close();
    expect(client.ids()).toEqual(Array.from({ length: 300 }, (_, i) => String(i + 1)));
    expect(client.hashPrefixes()).toEqual((await store.readAll({ limit: 300 })).map((event) => event.hash.slice(0, 16)));
    expect(client.text).not.toContain('too far behind');
  });
});
