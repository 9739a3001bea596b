"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
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
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const node_http_1 = require("node:http");
const node_worker_threads_1 = require("node:worker_threads");
const node_perf_hooks_1 = require("node:perf_hooks");
const standardwebhooks_1 = require("standardwebhooks");
const event_store_port_1 = require("../src/application/ports/event-store.port");
const config_1 = require("../src/infrastructure/config/config");
const http_app_1 = require("../src/infrastructure/http/http-app");
const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const SSE_CLIENTS = Number(process.env.BENCH_SSE_CLIENTS ?? 100);
const WEBHOOK_EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 1_000);
const WEBHOOKS = Number(process.env.BENCH_WEBHOOKS ?? 10);
const WRITERS = 64;
const KEY = 'bench-coordinator-key-0123456789abcdef';
const shipped = (i) => ({
    eventId: (0, node_crypto_1.randomUUID)(),
    type: 'LoanShipped',
    data: { loanId: `loan-${i}`, agreementId: 'agreement-7', lender: 'ID-JKPNRI', borrower: 'DE-611', shippedAt: '2026-05-01T10:00:00.000Z', dueOn: '2026-05-29' },
    metadata: { actor: { role: 'librarian', library: 'ID-JKPNRI' }, correlationId: (0, node_crypto_1.randomUUID)(), causationId: (0, node_crypto_1.randomUUID)(), recordedAt: new Date().toISOString() },
});
/** Appends `count` events from concurrent writers; notes when each position was committed. */
const append = async (store, count, committed) => {
    let next = 0;
    const writer = async (id) => {
        const versions = new Map();
        for (let i = next++; i < count; i = next++) {
            const streamId = `loan-${id}-${i % 16}`;
            const result = await store.append(streamId, [shipped(i)], versions.get(streamId) ?? 'no_stream');
            committed.set(result.position, now());
            versions.set(streamId, result.streamVersion);
        }
    };
    const started = node_perf_hooks_1.performance.now();
    await Promise.all(Array.from({ length: WRITERS }, (_, id) => writer(id)));
    return (node_perf_hooks_1.performance.now() - started) / 1000;
};
const p99 = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))];
};
const startService = async (env = {}) => {
    const dataDir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'ledger-bench-'));
    const config = (0, config_1.loadConfig)({ LEDGER_DATA_DIR: dataDir, LEDGER_ADMIN_KEY: KEY, LOG_LEVEL: 'error', LEDGER_RATE_LIMIT_PER_MINUTE: '1000000', ...env });
    const app = await (0, http_app_1.createHttpApp)(config);
    await app.listen(0, '127.0.0.1');
    const url = await app.getUrl();
    return { app, url, store: app.get(event_store_port_1.EVENT_STORE), stop: async () => {
            await app.close();
            (0, node_fs_1.rmSync)(dataDir, { recursive: true, force: true });
        }, };
};
/** Milliseconds on a clock that threads share (each thread's performance.now() has its own origin). */
const now = () => node_perf_hooks_1.performance.timeOrigin + node_perf_hooks_1.performance.now();
/**
 * A live-feed client that notes when each event arrives and, like any SSE
 * client, reconnects with Last-Event-ID when it is cut off for falling behind.
 * Resolves once connected, and once more (`finished`) when it has `expected` events.
 */
const sseClient = (url, expected, cuts, onEvent) => {
    let count = 0;
    let last = null;
    let finish;
    const finished = new Promise((resolve) => (finish = resolve));
    const connect = () => new Promise((resolve, reject) => {
        const headers = { authorization: `Bearer ${KEY}`, ...(last ? { 'last-event-id': last } : {}) };
        const req = (0, node_http_1.request)(`${url}/v1/events/live`, { headers }, (res) => {
            let buffer = '';
            res.setEncoding('utf8');
            res.on('data', (chunk) => {
                buffer += chunk;
                for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
                    const id = /^id: (\d+)$/m.exec(buffer.slice(0, end));
                    buffer = buffer.slice(end + 2);
                    if (!id)
                        continue;
                    last = id[1];
                    onEvent(Number(id[1]), now());
                    if (++count === expected) {
                        finish();
                        req.destroy();
                    }
                }
            });
            res.on('end', () => {
                if (count >= expected)
                    return;
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
/**
 * The live-feed clients run in a thread of their own, as they would on other
 * machines: parsing 100 streams must not take the service's event loop.
 */
const runClients = async () => {
    const { url, expected, clients } = node_worker_threads_1.workerData;
    const positions = new Float64Array(expected * clients);
    const arrivals = new Float64Array(expected * clients);
    let received = 0;
    const cuts = { count: 0 };
    const connected = await Promise.all(Array.from({ length: clients }, () => sseClient(url, expected, cuts, (position, at) => {
        positions[received] = position;
        arrivals[received++] = at;
    })));
    node_worker_threads_1.parentPort.postMessage('connected');
    await Promise.all(connected.map(({ finished }) => finished));
    const done = { positions: positions.subarray(0, received), arrivals: arrivals.subarray(0, received), finishedAt: now(), cuts: cuts.count };
    node_worker_threads_1.parentPort.postMessage(done);
};
const startClients = async (url, expected, clients) => {
    const worker = new node_worker_threads_1.Worker(__filename, { workerData: { url, expected, clients } });
    const messages = [];
    let wake = null;
    worker.on('message', (message) => {
        messages.push(message);
        wake?.();
    });
    const next = async () => {
        while (messages.length === 0)
            await new Promise((resolve) => (wake = resolve));
        return messages.shift();
    };
    worker.once('error', (error) => {
        messages.push(error);
        wake?.();
    });
    const first = await next();
    if (first instanceof Error)
        throw first;
    return { done: async () => (await next()) };
};
const liveFeed = async () => {
    const baseline = await startService();
    const rawAppend = EVENTS / (await append(baseline.store, EVENTS, new Map()));
    const readStarted = node_perf_hooks_1.performance.now();
    let read = 0;
    for (let after = null;;) {
        const batch = await baseline.store.readAll({ after, limit: 1000 });
        if (batch.length === 0)
            break;
        read += batch.length;
        after = batch[batch.length - 1].position;
    }
    const rawRead = read / ((node_perf_hooks_1.performance.now() - readStarted) / 1000);
    await baseline.stop();
    const service = await startService();
    const committed = new Map();
    const clients = await startClients(service.url, EVENTS, SSE_CLIENTS);
    const started = now();
    const appendSeconds = await append(service.store, EVENTS, committed);
    const { positions, arrivals, finishedAt, cuts } = await clients.done();
    const seconds = (finishedAt - started) / 1000;
    const lags = [];
    for (let i = 0; i < positions.length; i += 1)
        lags.push(arrivals[i] - (committed.get(String(positions[i])) ?? arrivals[i]));
    await service.stop();
    console.log(`live feed: ${SSE_CLIENTS} clients (in a thread of their own), ${EVENTS} events appended by ${WRITERS} writers`);
    console.log(`  baseline, same run: append ${rawAppend.toFixed(0)} events/s with no client; readAll ${rawRead.toFixed(0)} events/s`);
    console.log(`  append with clients: ${(EVENTS / appendSeconds).toFixed(0)} events/s (${((EVENTS / appendSeconds / rawAppend) * 100).toFixed(0)}% of the append rate with no client)`);
    console.log(`  delivered: ${((EVENTS * SSE_CLIENTS) / seconds).toFixed(0)} events/s to all clients together (${(EVENTS / seconds).toFixed(0)} per client, ${((EVENTS / seconds / rawAppend) * 100).toFixed(0)}% of the append rate with no client)`);
    console.log(`  slow clients cut off and resumed with Last-Event-ID: ${cuts}`);
    console.log(`  lag commit → client: p50 ${lags.sort((a, b) => a - b)[Math.floor(lags.length / 2)].toFixed(1)} ms, p99 ${p99(lags).toFixed(1)} ms`);
};
const receiver = async (onDelivery) => {
    const server = (0, node_http_1.createServer)((req, res) => {
        req.resume();
        req.on('end', () => {
            onDelivery(req.headers['webhook-id'], now());
            res.writeHead(204).end();
        });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${server.address().port}/hook`, stop: () => new Promise((resolve) => server.close(resolve)) };
};
/** The baseline: the same signed POSTs, one at a time, straight from a loop: no log, no checkpoint, no delivery log. */
const rawPosts = async (url, count) => {
    const webhook = new standardwebhooks_1.Webhook(`whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`);
    const body = JSON.stringify({ specversion: '1.0', id: (0, node_crypto_1.randomUUID)(), type: 'LoanShipped', data: shipped(0).data });
    const started = node_perf_hooks_1.performance.now();
    for (let i = 0; i < count; i += 1) {
        const id = (0, node_crypto_1.randomUUID)();
        await new Promise((resolve, reject) => {
            const req = (0, node_http_1.request)(url, { method: 'POST', headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-signature': webhook.sign(id, new Date(), body) } }, (res) => {
                res.resume();
                res.on('end', resolve);
            });
            req.on('error', reject);
            req.end(body);
        });
    }
    return count / ((node_perf_hooks_1.performance.now() - started) / 1000);
};
const webhooks = async () => {
    const arrivals = [];
    const target = await receiver((id, at) => arrivals.push([id, at]));
    const raw = await rawPosts(target.url, Math.min(WEBHOOK_EVENTS, 2000));
    const service = await startService({ LEDGER_WEBHOOK_ALLOW_PRIVATE: 'true', LEDGER_WEBHOOK_ALLOW_HTTP: 'true' });
    for (let i = 0; i < WEBHOOKS; i += 1) {
        const response = await fetch(`${service.url}/v1/webhooks`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ url: target.url }) });
        if (response.status !== 201)
            throw new Error(`could not register a webhook: ${response.status} ${await response.text()}`);
    }
    arrivals.length = 0;
    const committed = new Map();
    const ids = new Map();
    const started = now();
    await append(service.store, WEBHOOK_EVENTS, committed);
    while (arrivals.length < WEBHOOK_EVENTS * WEBHOOKS)
        await new Promise((resolve) => setTimeout(resolve, 20));
    const seconds = (now() - started) / 1000;
    for (const event of await service.store.readAll({ after: null, limit: WEBHOOK_EVENTS }))
        ids.set(event.eventId, event.position);
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
const load = () => (0, node_os_1.loadavg)().map((value) => value.toFixed(2)).join(', ');
const main = async () => {
    console.log(`load average before the measures: ${load()}`);
    if (PART !== 'webhooks')
        await liveFeed();
    if (PART !== 'live')
        await webhooks();
    console.log(`load average at the end: ${load()}`);
};
(node_worker_threads_1.isMainThread ? main() : runClients()).then(() => node_worker_threads_1.isMainThread && process.exit(0), (error) => {
    console.error(error);
    process.exit(1);
});
//# sourceMappingURL=subscribers.js.map