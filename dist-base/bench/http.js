"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * HTTP throughput and latency of the service beside a bare NestJS-on-Fastify
 * app with the same global ValidationPipe, each in its own process, driven by
 * autocannon from this one. Prints figures; it asserts nothing.
 *
 * The command is `POST /v1/services` (a librarian records a service rendered):
 * every request opens a new stream, so the figure does not depend on one
 * stream's length, yet it reads the agreement and both partners' standings
 * (the cross-stream reads every cooperation command makes) and moves value,
 * so each one adds postings to the partner whose balance is then queried.
 * The bare POST takes the same DTO (RenderServiceDto) and answers 201.
 *
 * Then BENCH_RATE commands/s for BENCH_RATE_SECONDS, twice: with autocannon's
 * overallRate, and open loop (see `paced`), each beside the bare POST at the
 * same rate; then autocannon's rate again until BENCH_SOAK_SECONDS, for the
 * service's RSS.
 *
 *   npm run bench:http
 *   BENCH_ROUNDS=1 BENCH_SECONDS=3 BENCH_RATE_SECONDS=5 BENCH_SOAK_SECONDS=10 npm run bench:http   # a smoke run
 *   BENCH_PROFILE=/tmp/prof npm run bench:http    # the service runs under node --cpu-prof, profiles written there
 *   BENCH_MAIN=path/to/main.js npm run bench:http  # another build of the service (say, before a change)
 *   BENCH_IDEMPOTENCY_KEYS=1 npm run bench:http  # every POST with a fresh Idempotency-Key
 */
const node_crypto_1 = require("node:crypto");
const node_child_process_1 = require("node:child_process");
const node_http_1 = require("node:http");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const autocannon_1 = __importDefault(require("autocannon"));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 60);
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 300);
const PROFILE_DIR = process.env.BENCH_PROFILE;
/** BENCH_IDEMPOTENCY_KEYS=1: every POST carries a fresh Idempotency-Key, as careful integrators send (the bare app ignores it). */
const IDEMPOTENCY_KEYS = process.env.BENCH_IDEMPOTENCY_KEYS === '1';
const ADMIN_KEY = 'bench-coordinator-key-0123456789abcdef';
const PROVIDER = 'ID-JKPNRI';
const RECIPIENT = 'DE-1';
/** Starts `script` in a process of its own, its output in a file, and waits for the URL it prints. */
const start = async (script, args, env, nodeOptions = []) => {
    const dataDir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'ledger-bench-http-'));
    const log = (0, node_path_1.join)(dataDir, 'output.log');
    const fd = (0, node_fs_1.openSync)(log, 'w');
    const child = (0, node_child_process_1.spawn)(process.execPath, [...nodeOptions, script, ...args], {
        env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LEDGER_DATA_DIR: dataDir, ...env },
        stdio: ['ignore', fd, fd],
    });
    // A hang guard, not a measure.
    for (let i = 0; i < 1200; i++) {
        const match = /listening on (http:\/\/[^\s"]+)/.exec((0, node_fs_1.readFileSync)(log, 'utf8'));
        if (match)
            return { child, url: match[1], dataDir };
        if (child.exitCode !== null)
            break;
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${script} did not start:\n${(0, node_fs_1.readFileSync)(log, 'utf8')}`);
};
const stop = async ({ child, dataDir }) => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    (0, node_fs_1.rmSync)(dataDir, { recursive: true, force: true });
};
/** CPU seconds the process has used (user + system), from /proc at the kernel's tick rate. */
const cpuSeconds = (pid) => {
    const fields = (0, node_fs_1.readFileSync)(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
};
const CLOCK_TICKS = 100;
/** The process's CPU seconds once the work the load left behind (read models folding) is done. */
const settledCpuSeconds = async (pid) => {
    let cpu = cpuSeconds(pid);
    for (let i = 0; i < 40; i++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        const now = cpuSeconds(pid);
        if (now - cpu < 0.02)
            return now;
        cpu = now;
    }
    return cpu;
};
const rssMb = (pid) => {
    const match = /VmRSS:\s+(\d+) kB/.exec((0, node_fs_1.readFileSync)(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : NaN;
};
const call = async (url, method, key, body) => {
    const response = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (response.status >= 300)
        throw new Error(`${method} ${url}: ${response.status} ${text}`);
    return JSON.parse(text);
};
/** Two partners, a librarian key for the provider, one agreement covering services. */
const establish = async (url) => {
    for (const isil of [PROVIDER, RECIPIENT])
        await call(`${url}/v1/partners`, 'POST', ADMIN_KEY, { isil, name: `Library ${isil}` });
    const { key } = await call(`${url}/v1/api-keys`, 'POST', ADMIN_KEY, { role: 'librarian', isil: PROVIDER });
    const { agreementId } = await call(`${url}/v1/agreements`, 'POST', ADMIN_KEY, {
        title: 'Benchmark network',
        focalPoint: RECIPIENT,
        members: [PROVIDER, RECIPIENT],
        forms: ['services'],
        startsOn: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
        terms: { loanPeriodDays: 28, maxRenewals: 2, goalRatio: 1, claimHoldDays: 90 },
    });
    return { librarian: key, agreementId: agreementId };
};
const load = async ({ url, pid, method, key, body, seconds, rate }) => {
    const cpuBefore = cpuSeconds(pid);
    const result = await (0, autocannon_1.default)({
        url,
        method,
        connections: CONNECTIONS,
        duration: seconds,
        headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
        ...(rate ? { overallRate: rate } : {}),
        ...(IDEMPOTENCY_KEYS && method === 'POST'
            ? { requests: [{ setupRequest: (request) => ({ ...request, headers: { ...request.headers, 'idempotency-key': (0, node_crypto_1.randomUUID)() } }) }] }
            : {}),
    });
    return {
        rps: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors + result.timeouts + result.non2xx,
        requests: result.requests.total,
        cpuMsPerRequest: ((await settledCpuSeconds(pid) - cpuBefore) * 1000) / Math.max(1, result.requests.total),
    };
};
/**
 * The same rate, open loop: request i is sent at start + i / rate whatever
 * the answers before it, over at most CONNECTIONS keep-alive connections,
 * and its latency counts from that intended time, so a stall of the service
 * shows in every request it delays (as wrk2 measures). autocannon's
 * overallRate is not that: each connection sends its share of a second as
 * fast as it is answered, then waits for the next second, so the load comes
 * in bursts at the start of each second; and it corrects for the requests a
 * slow answer held back as if each connection sent one every millisecond.
 */
const paced = async ({ url, pid, key, body, seconds, rate }) => {
    const cpuBefore = cpuSeconds(pid);
    const target = new URL(url);
    const payload = Buffer.from(JSON.stringify(body));
    const agent = new node_http_1.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'content-length': payload.length };
    const total = Math.round(rate * seconds);
    const latencies = [];
    let errors = 0;
    await new Promise((resolve) => {
        let answered = 0;
        const settle = (intended, ok) => {
            latencies.push(performance.now() - intended);
            if (!ok)
                errors += 1;
            if (++answered === total)
                resolve();
        };
        const send = (intended) => {
            let settled = false;
            const once = (ok) => {
                if (settled)
                    return;
                settled = true;
                settle(intended, ok);
            };
            const sent = (0, node_http_1.request)({ agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers }, (response) => {
                response.resume();
                response.on('end', () => once((response.statusCode ?? 0) < 300));
            });
            // A hang guard, as autocannon's 10 s timeout: an answer that never comes counts as an error.
            sent.setTimeout(10_000, () => sent.destroy(new Error('no answer in 10 s')));
            sent.on('error', () => once(false));
            sent.end(payload);
        };
        const start = performance.now();
        let next = 0;
        const tick = () => {
            for (const now = performance.now(); next < total && start + (next * 1000) / rate <= now; next++)
                send(start + (next * 1000) / rate);
            if (next < total)
                setTimeout(tick, Math.max(0, start + (next * 1000) / rate - performance.now()));
        };
        tick();
    });
    agent.destroy();
    latencies.sort((a, b) => a - b);
    const at = (q) => Math.round(latencies[Math.min(total - 1, Math.floor(q * total))]);
    return {
        rps: total / seconds,
        p50: at(0.5),
        p99: at(0.99),
        errors,
        requests: total,
        cpuMsPerRequest: ((await settledCpuSeconds(pid) - cpuBefore) * 1000) / total,
    };
};
const line = (label, f) => `${label.padEnd(26)} ${f.rps.toFixed(0).padStart(6)} req/s  p50 ${String(f.p50).padStart(4)} ms  p99 ${String(f.p99).padStart(4)} ms` +
    `  cpu ${f.cpuMsPerRequest.toFixed(2)} ms/req${f.errors ? `  errors ${f.errors}` : ''}`;
const main = async () => {
    const here = __dirname;
    const bare = await start((0, node_path_1.join)(here, 'http-bare.js'), [], {});
    const service = await start(process.env.BENCH_MAIN ?? (0, node_path_1.join)(here, '../src/main.js'), [], {
        LEDGER_ADMIN_KEY: ADMIN_KEY,
        // The limiter still runs on every request; its limit is raised above what the load sends.
        LEDGER_RATE_LIMIT_PER_MINUTE: '1000000',
    }, PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []);
    const pid = service.child.pid;
    const barePid = bare.child.pid;
    try {
        const { librarian, agreementId } = await establish(service.url);
        const body = { agreementId, recipient: RECIPIENT, kind: 'cataloguing', units: 1.5 };
        const ratios = { command: [], query: [], commandCpu: [], queryCpu: [] };
        console.log(`HTTP: service (SQLite, fresh data dir) beside a bare NestJS-on-Fastify app with the same ValidationPipe`);
        console.log(`${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s each${IDEMPOTENCY_KEYS ? '; every POST with a fresh Idempotency-Key' : ''}\n`);
        for (let round = 1; round <= ROUNDS; round++) {
            const bPost = await load({ url: `${bare.url}/bare`, pid: barePid, method: 'POST', key: librarian, body, seconds: SECONDS });
            const sPost = await load({ url: `${service.url}/v1/services`, pid, method: 'POST', key: librarian, body, seconds: SECONDS });
            const bGet = await load({ url: `${bare.url}/bare?partner=${PROVIDER}`, pid: barePid, method: 'GET', key: librarian, seconds: SECONDS });
            const sGet = await load({ url: `${service.url}/v1/balances?partner=${PROVIDER}`, pid, method: 'GET', key: librarian, seconds: SECONDS });
            ratios.command.push(sPost.rps / bPost.rps);
            ratios.query.push(sGet.rps / bGet.rps);
            ratios.commandCpu.push(bPost.cpuMsPerRequest / sPost.cpuMsPerRequest);
            ratios.queryCpu.push(bGet.cpuMsPerRequest / sGet.cpuMsPerRequest);
            console.log(`round ${round}`);
            console.log(`  ${line('bare POST', bPost)}`);
            console.log(`  ${line('POST /v1/services', sPost)}  ${(sPost.rps / bPost.rps).toFixed(2)} of bare (target ≥ 0.5)`);
            console.log(`  ${line('bare GET', bGet)}`);
            console.log(`  ${line('GET /v1/balances?partner', sGet)}  ${(sGet.rps / bGet.rps).toFixed(2)} of bare (target ≥ 0.7)`);
        }
        const range = (values) => `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`;
        console.log(`\ncommand ${range(ratios.command)} of bare; balance query ${range(ratios.query)} of bare (by round: ${ratios.query.map((r) => r.toFixed(2)).join(', ')})`);
        // On a shared machine the processes do not get the same CPU: CPU per request is the steadier comparison.
        console.log(`by CPU per request (bare ÷ service): command ${range(ratios.commandCpu)}; balance query ${range(ratios.queryCpu)} (by round: ${ratios.queryCpu.map((r) => r.toFixed(2)).join(', ')})`);
        const bare20 = Math.min(RATE_SECONDS, 20);
        const bRate = await load({ url: `${bare.url}/bare`, pid: barePid, method: 'POST', key: librarian, body, seconds: bare20, rate: RATE });
        const bPaced = await paced({ url: `${bare.url}/bare`, pid: barePid, key: librarian, body, seconds: bare20, rate: RATE });
        const rssBefore = rssMb(pid);
        const sRate = await load({ url: `${service.url}/v1/services`, pid, method: 'POST', key: librarian, body, seconds: RATE_SECONDS, rate: RATE });
        const rssFirst = rssMb(pid);
        const sPaced = await paced({ url: `${service.url}/v1/services`, pid, key: librarian, body, seconds: RATE_SECONDS, rate: RATE });
        console.log(`\nfixed rate ${RATE}/s, autocannon (overallRate: each connection's share of a second sent as fast as answered)`);
        console.log(`  ${line(`bare POST, ${bare20} s`, bRate)}`);
        console.log(`  ${line(`POST /v1/services, ${RATE_SECONDS} s`, sRate)}  (${sRate.requests} requests)`);
        console.log(`fixed rate ${RATE}/s, open loop (evenly spaced; latency from the time each request was due), right after`);
        console.log(`  ${line(`bare POST, ${bare20} s`, bPaced)}`);
        console.log(`  ${line(`POST /v1/services, ${RATE_SECONDS} s`, sPaced)}  (target p99 < 25 ms, no error)`);
        // The load goes on at the same rate (autocannon's) for the rest of SOAK_SECONDS.
        const rest = Math.max(0, SOAK_SECONDS - 2 * RATE_SECONDS);
        if (rest > 0) {
            const soak = await load({ url: `${service.url}/v1/services`, pid, method: 'POST', key: librarian, body, seconds: rest, rate: RATE });
            console.log(`  ${line(`then ${rest} s more (autocannon)`, soak)}`);
        }
        const rssLast = rssMb(pid);
        console.log(`  service RSS: ${rssBefore.toFixed(0)} MB before, ${rssFirst.toFixed(0)} MB after ${RATE_SECONDS} s, ` +
            `${rssLast.toFixed(0)} MB after ${SOAK_SECONDS} s: ${(((rssLast - rssFirst) / rssFirst) * 100).toFixed(1)}% (target within 20%)`);
    }
    finally {
        await stop(service);
        await stop(bare);
    }
};
main().then(() => process.exit(0), (error) => {
    console.error(error);
    process.exit(1);
});
//# sourceMappingURL=http.js.map