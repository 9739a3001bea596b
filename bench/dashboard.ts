/**
 * How long the dashboard takes to show a network of 1,000 partners and
 * 100,000 postings, in headless Chromium against the real service, beside
 * the time the API itself takes to answer the same queries in the same run.
 * Prints figures; it asserts nothing.
 *
 *   npm run bench:dashboard
 *   BENCH_PARTNERS=1000 BENCH_LOANS=100000 npm run bench:dashboard
 *
 * The log is written through the EventStore port (one loan = request,
 * accept, ship = one posting), then the service starts on that data
 * directory and its read models catch up before anything is timed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { streams } from '../src/application/cooperation/streams';
import type { NewEvent } from '../src/application/ports/event-store.port';
import { freshIds } from '../src/application/ports/ids.port';
import { ProjectionRunner } from '../src/application/projections/projection-runner';
import { agreementDecider, agreementFacts, type AgreementCommand } from '../src/domain/agreements';
import { loanDecider, type LoanCommand } from '../src/domain/loans';
import { partnerDecider, type PartnerCommand } from '../src/domain/partners';
import type { AgreementFacts } from '../src/domain/shared/cooperation';
import { loadConfig } from '../src/infrastructure/config/config';
import { openSqliteDatabase } from '../src/infrastructure/event-store/sqlite/sqlite-database';
import { SqliteEventStore } from '../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { createHttpApp } from '../src/infrastructure/http/http-app';
import { DATABASE_FILE } from '../src/infrastructure/ledger.module';
import { launchBrowser, openDashboard, screenshot } from '../test/e2e/support/browser';
import { COORDINATOR, decideAll, librarian, type Step } from './decide-all';

const PARTNERS = Number(process.env.BENCH_PARTNERS ?? 1000);
const LOANS = Number(process.env.BENCH_LOANS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** However slow the machine, a run is measured, not cut short. */
const PAGE_TIMEOUT_MS = 10 * 60_000;
/** Each partner lends to a few neighbours mostly, so each has many counterparties but a few large ones. */
const NEIGHBOURS = 30;
const ADMIN_KEY = 'bench-coordinator-key-0123456789abcdef';
const MINUTE = 60_000;
const START = Date.parse('2026-01-01T00:00:00.000Z');
const APPENDS_PER_TICK = 1000;

const isilOf = (i: number) => `DE-B${String(i).padStart(4, '0')}`;

/** A fixed sequence, so every run writes the same network. */
const random = (() => {
  let seed = 20261201;
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
})();

const writeLog = async (file: string): Promise<{ events: number; agreementId: string }> => {
  const store = new SqliteEventStore(openSqliteDatabase(file, { synchronous: 'NORMAL' }), { ownsDatabase: true });
  let queue: Promise<unknown>[] = [];
  let events = 0;
  const append = async (streamId: string, batch: NewEvent[]) => {
    events += batch.length;
    queue.push(store.append(streamId, batch, 'no_stream'));
    if (queue.length >= APPENDS_PER_TICK) await Promise.all(queue.splice(0));
  };
  const isils = Array.from({ length: PARTNERS }, (_, i) => isilOf(i));
  const standings = Object.fromEntries(isils.map((isil) => [isil, 'active' as const]));
  for (const [i, isil] of isils.entries()) {
    const register: Step<PartnerCommand> = { command: { type: 'RegisterPartner', data: { isil, name: `Stadtbibliothek ${i}`, country: 'DE' } }, actor: COORDINATOR, at: START - 2 * MINUTE };
    await append(streams.partner(isil), decideAll(partnerDecider, [register]));
  }
  const agreementId = freshIds.next();
  const establish: Step<AgreementCommand> = {
    command: {
      type: 'EstablishAgreement',
      data: { agreementId, title: 'Every library in the network', focalPoint: isils[0], members: isils, standings, forms: ['loans'], startsOn: '2025-12-31', terms: { loanPeriodDays: 28, maxRenewals: 2, goalRatio: 1, claimHoldDays: 90 } },
    },
    actor: COORDINATOR,
    at: START - MINUTE,
  };
  const established = decideAll(agreementDecider, [establish]);
  await append(streams.agreement(agreementId), established);
  const agreement = agreementFacts(established.map((e) => e as never).reduce(agreementDecider.evolve, agreementDecider.initialState())) as AgreementFacts;
  for (let n = 0; n < LOANS; n++) {
    const lenderIndex = Math.floor(random() * PARTNERS);
    const lender = isils[lenderIndex];
    const borrower = isils[(lenderIndex + 1 + Math.floor(random() * random() * NEIGHBOURS)) % PARTNERS];
    const at = START + n * 3 * MINUTE;
    const loanId = freshIds.next();
    const steps: Step<LoanCommand>[] = [
      { command: { type: 'RequestLoan', data: { loanId, lender, agreementId, agreement, standings, item: { title: `Item ${n}` } } }, actor: librarian(borrower), at },
      { command: { type: 'AcceptLoan', data: { loanId, agreement, standings } }, actor: librarian(lender), at: at + MINUTE },
      { command: { type: 'ShipLoan', data: { loanId, agreement, standings } }, actor: librarian(lender), at: at + 2 * MINUTE },
    ];
    await append(streams.loan(loanId), decideAll(loanDecider, steps));
  }
  await Promise.all(queue);
  await store.close();
  return { events, agreementId };
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The calls the page makes before its first view is complete, one after another: each call's time in ms. */
const apiAlone = async (url: string, agreementId: string): Promise<Array<[string, number]>> => {
  const today = new Date().toISOString().slice(0, 10);
  const from = `${Number(today.slice(0, 4)) - 1}${today.slice(4, 8)}01`;
  const paths = [
    '/v1/agreements?limit=500', '/v1/partners?limit=500', '/v1/partners?limit=500&cursor=', '/v1/balances/trial', '/v1/events?limit=1',
    '/v1/balances/matrix?unit=loan&top=10', `/v1/reports/fairness?agreement=${agreementId}&from=${from}&to=${today}`,
    `/v1/reports/lending-by-month?agreement=${agreementId}&from=${from}&to=${today}`, `/v1/acquisition-claims?status=active&agreementId=${agreementId}&limit=500`,
  ];
  const times: Array<[string, number]> = [];
  let cursor = '';
  for (const path of paths) {
    // As the page does: a second page of partners only when the first said there is one (BENCH_PARTNERS over 500).
    if (path.endsWith('cursor=') && cursor === '') continue;
    const started = performance.now();
    const response = await fetch(`${url}${path.endsWith('cursor=') ? `${path}${encodeURIComponent(cursor)}` : path}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    const body = (await response.json()) as { next?: string | null };
    if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
    if (path === '/v1/partners?limit=500') cursor = body.next ?? '';
    times.push([path.split('?')[0], performance.now() - started]);
  }
  return times;
};

const main = async () => {
  const directory = mkdtempSync(join(tmpdir(), 'ledger-bench-dashboard-'));
  try {
    console.log(`node ${process.version}; writing ${PARTNERS} partners and ${LOANS} loans…`);
    let started = performance.now();
    const { events, agreementId } = await writeLog(join(directory, DATABASE_FILE));
    console.log(`wrote ${events} events in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    started = performance.now();
    const app = await createHttpApp(loadConfig({ LEDGER_DATA_DIR: directory, LEDGER_ADMIN_KEY: ADMIN_KEY, LOG_LEVEL: 'warn', LEDGER_RATE_LIMIT_PER_MINUTE: '1000000',
      // Most of these loans are past due: the scheduler would write 100,000 overdue facts while the page is timed.
      LEDGER_SCHEDULER_INTERVAL_SECONDS: '0' }));
    await app.listen(0, '127.0.0.1');
    const url = await app.getUrl();
    await app.get(ProjectionRunner).waitFor(String(events), 30 * 60_000);
    console.log(`service started and its read models caught up in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const browser = await launchBrowser();
    try {
      const page: number[] = [];
      const api: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const calls = await apiAlone(url, agreementId);
        api.push(calls.reduce((total, [, ms]) => total + ms, 0));
        started = performance.now();
        const opened = await openDashboard(browser.context, url, ADMIN_KEY, PAGE_TIMEOUT_MS);
        page.push(performance.now() - started);
        console.log(`run ${run + 1}: page ${page[run].toFixed(0)} ms; API alone ${api[run].toFixed(0)} ms (${calls.map(([path, ms]) => `${path} ${ms.toFixed(0)}`).join(', ')})`);
        if (run === 0) await screenshot(opened.page, 'balances-1000-partners');
        await opened.page.close();
      }
      console.log(`\n${PARTNERS} partners, ${LOANS} postings, ${events} events; median of ${RUNS} runs:`);
      console.log(`  page shown (paste key → every view loaded): ${median(page).toFixed(0)} ms`);
      console.log(`  baseline, the same API calls one after another: ${median(api).toFixed(0)} ms`);
      console.log(`  ratio page / API alone: ${(median(page) / median(api)).toFixed(2)}`);
    } finally {
      await browser.close();
      await app.close();
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
