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
 * service's RSS (the highest of its first minute against that of its last:
 * rssSampler).
 *
 *   npm run bench:http
 *   BENCH_ROUNDS=1 BENCH_SECONDS=3 BENCH_RATE_SECONDS=5 BENCH_SOAK_SECONDS=10 npm run bench:http   # a smoke run
 *   BENCH_PROFILE=/tmp/prof npm run bench:http    # the service runs under node --cpu-prof, profiles written there
 *   BENCH_MAIN=path/to/main.js npm run bench:http  # another build of the service (say, before a change)
 *   BENCH_IDEMPOTENCY_KEYS=1 npm run bench:http  # every POST with a fresh Idempotency-Key
 *   BENCH_NODE_FLAGS='' npm run bench:http  # the service under other node flags than npm start's (here none)
 */
import { randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { procCpuSeconds } from './proc-cpu';
import { startFlags } from './start-flags';

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

type Running = Readonly<{ child: ChildProcess; url: string; dataDir: string }>;

/** Starts `script` in a process of its own, its output in a file, and waits for the URL it prints. */
const start = async (script: string, args: string[], env: Record<string, string>, nodeOptions: string[] = []): Promise<Running> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-bench-http-'));
  const log = join(dataDir, 'output.log');
  const fd = openSync(log, 'w');
  const child = spawn(process.execPath, [...nodeOptions, script, ...args], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LEDGER_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', fd, fd],
  });
  // A hang guard, not a measure.
  for (let i = 0; i < 1200; i++) {
    const match = /listening on (http:\/\/[^\s"]+)/.exec(readFileSync(log, 'utf8'));
    if (match) return { child, url: match[1], dataDir };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${script} did not start:\n${readFileSync(log, 'utf8')}`);
};

const stop = async ({ child, dataDir }: Running): Promise<void> => {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  rmSync(dataDir, { recursive: true, force: true });
};

/** CPU seconds the process has used (user + system), from /proc at the kernel's tick rate. */
const cpuSeconds = (pid: number): number => procCpuSeconds(`/proc/${pid}/stat`);

/** The process's CPU seconds once the work the load left behind (read models folding) is done. */
const settledCpuSeconds = async (pid: number): Promise<number> => {
  let cpu = cpuSeconds(pid);
  for (let i = 0; i < 40; i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = cpuSeconds(pid);
    if (now - cpu < 0.02) return now;
    cpu = now;
  }
  return cpu;
};

const rssMb = (pid: number): number => {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
};

/**
 * The process's RSS every 250 ms while the load runs. One reading lands
 * anywhere in the collector's cycle: at 1,000 commands/s the service's heap
 * grows by some 100 MB between full collections, and RSS readings 10 s apart
 * differed by as much. The highest reading of a minute is the top of that
 * cycle: what the service needs then, and what would grow if it leaked.
 */
const rssSampler = (pid: number) => {
  const samples: Array<{ at: number; mb: number }> = [];
  const timer = setInterval(() => samples.push({ at: performance.now(), mb: rssMb(pid) }), 250);
  return {
    stop: () => clearInterval(timer),
    /** The highest reading between two instants (performance.now()). */
    peak: (from: number, to: number) => Math.max(...samples.filter(({ at }) => at >= from && at <= to).map(({ mb }) => mb)),
  };
};

const call = async (url: string, method: string, key: string, body?: object): Promise<{ [k: string]: unknown }> => {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return JSON.parse(text) as { [k: string]: unknown };
};

/** Two partners, a librarian key for the provider, one agreement covering services. */
const establish = async (url: string) => {
  for (const isil of [PROVIDER, RECIPIENT]) await call(`${url}/v1/partners`, 'POST', ADMIN_KEY, { isil, name: `Library ${isil}` });
  const { key } = await call(`${url}/v1/api-keys`, 'POST', ADMIN_KEY, { role: 'librarian', isil: PROVIDER });
  const { agreementId } = await call(`${url}/v1/agreements`, 'POST', ADMIN_KEY, {
    title: 'Benchmark network',
    focalPoint: RECIPIENT,
    members: [PROVIDER, RECIPIENT],
    forms: ['services'],
    startsOn: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
    terms: { loanPeriodDays: 28, maxRenewals: 2, goalRatio: 1, claimHoldDays: 90 },
  });
  return { librarian: key as string, agreementId: agreementId as string };
};

type Load = Readonly<{ url: string; pid: number; method: 'GET' | 'POST'; key: string; body?: object; seconds: number; rate?: number }>;
type Figures = Readonly<{ rps: number; p50: number; p99: number; errors: number; requests: number; cpuMsPerRequest: number }>;

const load = async ({ url, pid, method, key, body, seconds, rate }: Load): Promise<Figures> => {
  const cpuBefore = cpuSeconds(pid);
  const result = await autocannon({
    url,
    method,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
    ...(rate ? { overallRate: rate } : {}),
    ...(IDEMPOTENCY_KEYS && method === 'POST'
      ? { requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, headers: { ...request.headers, 'idempotency-key': randomUUID() } }) }] }
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
const paced = async ({ url, pid, key, body, seconds, rate }: Required<Omit<Load, 'method'>>): Promise<Figures> => {
  const cpuBefore = cpuSeconds(pid);
  const target = new URL(url);
  const payload = Buffer.from(JSON.stringify(body));
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'content-length': payload.length };
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  let errors = 0;
  await new Promise<void>((resolve) => {
    let answered = 0;
    const settle = (intended: number, ok: boolean) => {
      latencies.push(performance.now() - intended);
      if (!ok) errors += 1;
      if (++answered === total) resolve();
    };
    const send = (intended: number) => {
      let settled = false;
      const once = (ok: boolean) => {
        if (settled) return;
        settled = true;
        settle(intended, ok);
      };
      const sent = request({ agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers }, (response) => {
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
      for (const now = performance.now(); next < total && start + (next * 1000) / rate <= now; next++) send(start + (next * 1000) / rate);
      if (next < total) setTimeout(tick, Math.max(0, start + (next * 1000) / rate - performance.now()));
    };
    tick();
  });
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(total - 1, Math.floor(q * total))]);
  return {
    rps: total / seconds,
    p50: at(0.5),
    p99: at(0.99),
    errors,
    requests: total,
    cpuMsPerRequest: ((await settledCpuSeconds(pid) - cpuBefore) * 1000) / total,
  };
};

const line = (label: string, f: Figures) =>
  `${label.padEnd(26)} ${f.rps.toFixed(0).padStart(6)} req/s  p50 ${String(f.p50).padStart(4)} ms  p99 ${String(f.p99).padStart(4)} ms` +
  `  cpu ${f.cpuMsPerRequest.toFixed(2)} ms/req${f.errors ? `  errors ${f.errors}` : ''}`;

const main = async () => {
  const here = __dirname;
  const bare = await start(join(here, 'http-bare.js'), [], {});
  const flags = process.env.BENCH_NODE_FLAGS === undefined ? startFlags(join(here, '../..')) : process.env.BENCH_NODE_FLAGS.split(' ').filter((flag) => flag !== '');
  const service = await start(process.env.BENCH_MAIN ?? join(here, '../src/main.js'), [], {
    LEDGER_ADMIN_KEY: ADMIN_KEY,
    // The limiter still runs on every request; its limit is raised above what the load sends.
    LEDGER_RATE_LIMIT_PER_MINUTE: '1000000',
  }, [...flags, ...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [])]);
  const pid = service.child.pid!;
  const barePid = bare.child.pid!;
  try {
    const { librarian, agreementId } = await establish(service.url);
    const body = { agreementId, recipient: RECIPIENT, kind: 'cataloguing', units: 1.5 };
    const ratios = { command: [] as number[], query: [] as number[], commandCpu: [] as number[], queryCpu: [] as number[] };
    console.log(`HTTP: service (SQLite, fresh data dir; node flags ${flags.join(' ') || 'none'}, ${process.env.BENCH_NODE_FLAGS === undefined ? 'as npm start runs it' : 'from BENCH_NODE_FLAGS'}) beside a bare NestJS-on-Fastify app with the same ValidationPipe`);
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
    const range = (values: number[]) => `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`;
    console.log(`\ncommand ${range(ratios.command)} of bare; balance query ${range(ratios.query)} of bare (by round: ${ratios.query.map((r) => r.toFixed(2)).join(', ')})`);
    // On a shared machine the processes do not get the same CPU: CPU per request is the steadier comparison.
    console.log(`by CPU per request (bare ÷ service): command ${range(ratios.commandCpu)}; balance query ${range(ratios.queryCpu)} (by round: ${ratios.queryCpu.map((r) => r.toFixed(2)).join(', ')})`);

    const bare20 = Math.min(RATE_SECONDS, 20);
    const bRate = await load({ url: `${bare.url}/bare`, pid: barePid, method: 'POST', key: librarian, body, seconds: bare20, rate: RATE });
    const bPaced = await paced({ url: `${bare.url}/bare`, pid: barePid, key: librarian, body, seconds: bare20, rate: RATE });
    const rssBefore = rssMb(pid);
    const rss = rssSampler(pid);
    const loadStart = performance.now();
    const sRate = await load({ url: `${service.url}/v1/services`, pid, method: 'POST', key: librarian, body, seconds: RATE_SECONDS, rate: RATE });
    const rssFirst = rssMb(pid);
    const firstMinuteEnd = performance.now();
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
    const loadEnd = performance.now();
    rss.stop();
    const change = (from: number, to: number) => `${(((to - from) / from) * 100).toFixed(1)}%`;
    const peakFirst = rss.peak(loadStart, firstMinuteEnd);
    const peakLast = rss.peak(loadEnd - (firstMinuteEnd - loadStart), loadEnd);
    console.log(`  service RSS, one reading: ${rssBefore.toFixed(0)} MB before, ${rssFirst.toFixed(0)} MB after ${RATE_SECONDS} s, ` +
      `${rssLast.toFixed(0)} MB after ${SOAK_SECONDS} s: ${change(rssFirst, rssLast)}`);
    console.log(`  service RSS, highest of a reading every 250 ms: ${peakFirst.toFixed(0)} MB in the first ${RATE_SECONDS} s, ` +
      `${peakLast.toFixed(0)} MB in the last ${RATE_SECONDS} s: ${change(peakFirst, peakLast)} (target within 20%)`);
  } finally {
    await stop(service);
    await stop(bare);
  }
};

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
