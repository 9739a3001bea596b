/**
 * Subscribers under load, on the real service over loopback HTTP: live-feed
 * clients while events are appended, and webhook deliveries to a loopback
 * receiver, each beside a baseline measured in the same run. Prints figures;
 * it asserts nothing.
 *
 *   npm run bench:subscribers
 *   BENCH_EVENTS=20000 BENCH_SSE_CLIENTS=100 BENCH_WEBHOOK_EVENTS=1000 BENCH_WEBHOOKS=10 npm run bench:subscribers
 *   BENCH_PART=live (or webhooks) runs one half only.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, request } from 'node:http';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Webhook } from 'standardwebhooks';
import { EVENT_STORE, type EventStore, type NewEvent } from '../src/application/ports/event-store.port';
import { loadConfig } from '../src/infrastructure/config/config';
import { createHttpApp } from '../src/infrastructure/http/http-app';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const SSE_CLIENTS = Number(process.env.BENCH_SSE_CLIENTS ?? 100);
const WEBHOOK_EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 1_000);
const WEBHOOKS = Number(process.env.BENCH_WEBHOOKS ?? 10);
const WRITERS = 64;
const KEY = 'bench-coordinator-key-0123456789abcdef';

const shipped = (i: number): NewEvent => ({
  eventId: randomUUID(),
  type: 'LoanShipped',
  data: { loanId: `loan-${i}`, agreementId: 'agreement-7', lender: 'ID-JKPNRI', borrower: 'DE-611', shippedAt: '2026-05-01T10:00:00.000Z', dueOn: '2026-05-29' },
  metadata: { actor: { role: 'librarian', library: 'ID-JKPNRI' }, correlationId: randomUUID(), causationId: randomUUID(), recordedAt: new Date().toISOString() },
});

/** Appends `count` events from concurrent writers; notes when each position was committed. */
const append = async (store: EventStore, count: number, committed: Map<string, number>) => {
  let next = 0;
  const writer = async (id: number) => {
    const versions = new Map<string, number>();
    for (let i = next++; i < count; i = next++) {
      const streamId = `loan-${id}-${i % 16}`;
      const result = await store.append(streamId, [shipped(i)], versions.get(streamId) ?? 'no_stream');
      committed.set(result.position, now());
      versions.set(streamId, result.streamVersion);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: WRITERS }, (_, id) => writer(id)));
  return (performance.now() - started) / 1000;
};

const p99 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))];
};

const startService = async (env: Record<string, string> = {}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-bench-'));
  // Every client uses the one key: its cap on open feeds is raised to the number of clients.
  const config = loadConfig({
    LEDGER_DATA_DIR: dataDir, LEDGER_ADMIN_KEY: KEY, LOG_LEVEL: 'error', LEDGER_RATE_LIMIT_PER_MINUTE: '1000000',
    LEDGER_LIVE_FEEDS_PER_KEY: String(Math.max(SSE_CLIENTS, 1)), ...env,
  });
  const app = await createHttpApp(config);
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  return { app, url, store: app.get<EventStore>(EVENT_STORE), stop: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

/** Milliseconds on a clock that threads share (each thread's performance.now() has its own origin). */
const now = () => performance.timeOrigin + performance.now();

/**
 * A live-feed client that notes when each event arrives and, like any SSE
 * client, reconnects with Last-Event-ID when it is cut off for falling behind.
 * Resolves once connected, and once more (`finished`) when it has `expected` events.
 */
const sseClient = (url: string, expected: number, cuts: { count: number }, onEvent: (position: number, at: number) => void) => {
  let count = 0;
  let last: string | null = null;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const connect = () =>
    new Promise<void>((resolve, reject) => {
      const headers: Record<string, string> = { authorization: `Bearer ${KEY}`, ...(last ? { 'last-event-id': last } : {}) };
      const req = request(`${url}/v1/events/live`, { headers }, (res) => {
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const id = /^id: (\d+)\.[0-9a-f]{16}$/m.exec(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            if (!id) continue;
            last = id[1];
            onEvent(Number(id[1]), now());
            if (++count === expected) {
              finish();
              req.destroy();
            }
          }
        });
        res.on('end', () => {
          if (count >= expected) return;
          cuts.count += 1;
          void connect();
        });
        resolve();
      });
      req.on('error', (error) => (count >= expected ? undefined : reject(error)));
      req.end();
    });
  return connect().then(() => ({ finished }));
};

type ClientsDone = { positions: Float64Array; arrivals: Float64Array; finishedAt: number; cuts: number };

/**
 * The live-feed clients run in a thread of their own, as they would on other
 * machines: parsing 100 streams must not take the service's event loop.
 */
const runClients = async () => {
  const { url, expected, clients } = workerData as { url: string; expected: number; clients: number };
  const positions = new Float64Array(expected * clients);
  const arrivals = new Float64Array(expected * clients);
  let received = 0;
  const cuts = { count: 0 };
  const connected = await Promise.all(
    Array.from({ length: clients }, () =>
      sseClient(url, expected, cuts, (position, at) => {
        positions[received] = position;
        arrivals[received++] = at;
      }),
    ),
  );
  parentPort!.postMessage('connected');
  await Promise.all(connected.map(({ finished }) => finished));
  const done: ClientsDone = { positions: positions.subarray(0, received), arrivals: arrivals.subarray(0, received), finishedAt: now(), cuts: cuts.count };
  parentPort!.postMessage(done);
};

const startClients = async (url: string, expected: number, clients: number) => {
  const worker = new Worker(__filename, { workerData: { url, expected, clients } });
  const messages: unknown[] = [];
  let wake: (() => void) | null = null;
  worker.on('message', (message) => {
    messages.push(message);
    wake?.();
  });
  const next = async () => {
    while (messages.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return messages.shift();
  };
  worker.once('error', (error) => {
    messages.push(error);
    wake?.();
  });
  const first = await next();
  if (first instanceof Error) throw first;
  return { done: async () => (await next()) as ClientsDone };
};

const liveFeed = async () => {
  const baseline = await startService();
  const rawAppend = EVENTS / (await append(baseline.store, EVENTS, new Map()));
  const readStarted = performance.now();
  let read = 0;
  for (let after: string | null = null; ; ) {
    const batch = await baseline.store.readAll({ after, limit: 1000 });
    if (batch.length === 0) break;
    read += batch.length;
    after = batch[batch.length - 1].position;
  }
  const rawRead = read / ((performance.now() - readStarted) / 1000);
  await baseline.stop();

  const service = await startService();
  const committed = new Map<string, number>();
  const clients = await startClients(service.url, EVENTS, SSE_CLIENTS);
  const started = now();
  const appendSeconds = await append(service.store, EVENTS, committed);
  const { positions, arrivals, finishedAt, cuts } = await clients.done();
  const seconds = (finishedAt - started) / 1000;
  const lags: number[] = [];
  for (let i = 0; i < positions.length; i += 1) lags.push(arrivals[i] - (committed.get(String(positions[i])) ?? arrivals[i]));
  await service.stop();

  console.log(`live feed: ${SSE_CLIENTS} clients (in a thread of their own), ${EVENTS} events appended by ${WRITERS} writers`);
  console.log(`  baseline, same run: append ${rawAppend.toFixed(0)} events/s with no client; readAll ${rawRead.toFixed(0)} events/s`);
  console.log(`  append with clients: ${(EVENTS / appendSeconds).toFixed(0)} events/s (${((EVENTS / appendSeconds / rawAppend) * 100).toFixed(0)}% of the append rate with no client)`);
  console.log(`  delivered: ${((EVENTS * SSE_CLIENTS) / seconds).toFixed(0)} events/s to all clients together (${(EVENTS / seconds).toFixed(0)} per client, ${((EVENTS / seconds / rawAppend) * 100).toFixed(0)}% of the append rate with no client)`);
  console.log(`  slow clients cut off and resumed with Last-Event-ID: ${cuts}`);
  console.log(`  lag commit → client: p50 ${lags.sort((a, b) => a - b)[Math.floor(lags.length / 2)].toFixed(1)} ms, p99 ${p99(lags).toFixed(1)} ms`);
};

const receiver = async (onDelivery: (id: string, at: number) => void) => {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      onDelivery(req.headers['webhook-id'] as string, now());
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, stop: () => new Promise((resolve) => server.close(resolve)) };
};

/** The baseline: the same signed POSTs, one at a time, straight from a loop: no log, no checkpoint, no delivery log. */
const rawPosts = async (url: string, count: number) => {
  const webhook = new Webhook(`whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`);
  const body = JSON.stringify({ specversion: '1.0', id: randomUUID(), type: 'LoanShipped', data: shipped(0).data });
  const started = performance.now();
  for (let i = 0; i < count; i += 1) {
    const id = randomUUID();
    await new Promise<void>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-signature': webhook.sign(id, new Date(), body) } }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end(body);
    });
  }
  return count / ((performance.now() - started) / 1000);
};

const webhooks = async () => {
  const arrivals: Array<[string, number]> = [];
  const target = await receiver((id, at) => arrivals.push([id, at]));
  const raw = await rawPosts(target.url, Math.min(WEBHOOK_EVENTS, 2000));

  const service = await startService({ LEDGER_WEBHOOK_ALLOW_PRIVATE: 'true', LEDGER_WEBHOOK_ALLOW_HTTP: 'true' });
  for (let i = 0; i < WEBHOOKS; i += 1) {
    const response = await fetch(`${service.url}/v1/webhooks`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ url: target.url }) });
    if (response.status !== 201) throw new Error(`could not register a webhook: ${response.status} ${await response.text()}`);
  }
  arrivals.length = 0;
  const committed = new Map<string, number>();
  const ids = new Map<string, string>();
  const started = now();
  await append(service.store, WEBHOOK_EVENTS, committed);
  while (arrivals.length < WEBHOOK_EVENTS * WEBHOOKS) await new Promise((resolve) => setTimeout(resolve, 20));
  const seconds = (now() - started) / 1000;
  for (const event of await service.store.readAll({ after: null, limit: WEBHOOK_EVENTS })) ids.set(event.eventId, event.position);
  const lags = arrivals.map(([id, at]) => at - (committed.get(ids.get(id) ?? '') ?? at));
  await service.stop();
  await target.stop();

  console.log(`webhooks: ${WEBHOOKS} webhooks to one loopback receiver, ${WEBHOOK_EVENTS} events each`);
  console.log(`  baseline, same run: raw signed POSTs one at a time ${raw.toFixed(0)}/s`);
  const delivered = (WEBHOOK_EVENTS * WEBHOOKS) / seconds;
  console.log(`  delivered: ${delivered.toFixed(0)} deliveries/s in all (${((delivered / raw) * 100).toFixed(0)}% of the raw POST rate; ${(WEBHOOK_EVENTS / seconds).toFixed(0)}/s per webhook, one in flight each)`);
  console.log(`  lag commit → receiver: p50 ${lags.sort((a, b) => a - b)[Math.floor(lags.length / 2)].toFixed(1)} ms, p99 ${p99(lags).toFixed(1)} ms`);
};

const PART = process.env.BENCH_PART ?? 'all';

const load = () => loadavg().map((value) => value.toFixed(2)).join(', ');

const main = async () => {
  console.log(`load average before the measures: ${load()}`);
  if (PART !== 'webhooks') await liveFeed();
  if (PART !== 'live') await webhooks();
  console.log(`load average at the end: ${load()}`);
};

(isMainThread ? main() : runClients()).then(
  () => isMainThread && process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
