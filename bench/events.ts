/**
 * The log read by type (`GET /v1/events?types=…`, EventStore.readMatching)
 * on the embedded SQLite store, beside the way it was read before in the same
 * run: every event read and parsed in JavaScript and tested there, at most
 * MATCHING_SCAN a page (readMatchingByScan, which EventStoreDB still uses).
 *
 * The log is BENCH_EVENTS events (default 1,000,000) of sixteen types in the
 * proportions of a busy network (loans most, agreements and partners a few
 * hundred), each some 700 bytes as the service writes them; rows are inserted
 * straight into the store's table (no hash chain: reads do not check it).
 * For a rare type, a common one and several at once it prints the median
 * time of one page (BENCH_RUNS reads, default 20) and a follower's whole
 * catch-up from the start: pages and time, both ways.
 *
 *   npm run bench:events
 *   BENCH_EVENTS=200000 BENCH_RUNS=5 npm run bench:events
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MATCHING_SCAN, MATCHING_WINDOW, readMatchingByScan } from '../src/application/event-store/matching';
import type { MatchingPage, Position, ReadMatchingOptions } from '../src/application/ports/event-store.port';
import { openSqliteDatabase } from '../src/infrastructure/event-store/sqlite/sqlite-database';
import { SqliteEventStore } from '../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { median } from './read-store-bench';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const PAGE = 100;

/** Types and their weights: loans' steps most, agreements and partners rare. */
const TYPES: ReadonlyArray<readonly [string, number]> = [
  ['LoanRequested', 20], ['LoanAccepted', 18], ['LoanShipped', 18], ['LoanReceived', 18], ['LoanReturned', 15], ['LoanCheckedIn', 15],
  ['ServiceRendered', 10], ['ServiceVoided', 0.2], ['ExchangeProposed', 3], ['ExchangeAgreed', 3], ['RotationPlanned', 1],
  ['HoldingsRegistered', 2], ['AcquisitionClaimed', 1], ['AgreementEstablished', 0.05], ['PartnerRegistered', 0.05], ['IsoMessageReceived', 10],
];
const TOTAL_WEIGHT = TYPES.reduce((sum, [, weight]) => sum + weight, 0);
const typeAt = (draw: number): string => {
  let left = draw * TOTAL_WEIGHT;
  for (const [type, weight] of TYPES) if ((left -= weight) <= 0) return type;
  return TYPES[0][0];
};

/** A deterministic draw in [0, 1), so every run writes the same log. */
const draws = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

const writeLog = async (file: string): Promise<void> => {
  const db = openSqliteDatabase(file);
  // The store makes its table.
  await new SqliteEventStore(db).close();
  const insert = db.prepare(
    'INSERT INTO events (event_id, stream_id, stream_version, type, data, metadata, prev_hash, hash) VALUES (?, ?, 1, ?, ?, ?, ?, ?)',
  );
  const draw = draws(7);
  const hash = '0'.repeat(64);
  db.transaction(() => {
    for (let i = 0; i < EVENTS; i++) {
      const data = { loanId: randomUUID(), lender: 'DE-1', borrower: 'ID-JKPNRI', agreementId: randomUUID(), item: { title: 'Max Havelaar, of de koffi-veilingen der Nederlandsche Handel-Maatschappy', isbn: '9780306406157' } };
      const metadata = { actor: { role: 'librarian', library: 'DE-1', keyId: randomUUID() }, correlationId: randomUUID(), causationId: randomUUID(), recordedAt: new Date(1_700_000_000_000 + i * 1000).toISOString() };
      insert.run(randomUUID(), `loan-${randomUUID()}`, typeAt(draw()), JSON.stringify(data), JSON.stringify(metadata), hash, hash);
    }
  })();
  db.close();
};

type Read = (options: ReadMatchingOptions) => Promise<MatchingPage>;

const timePage = async (read: Read, types: string[], after: Position): Promise<number> => {
  await read({ after, limit: PAGE, types });
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    await read({ after, limit: PAGE, types });
    times.push(performance.now() - started);
  }
  return median(times);
};

const catchUp = async (read: Read, types: string[]): Promise<{ pages: number; found: number; ms: number }> => {
  const started = performance.now();
  let pages = 0;
  let found = 0;
  for (let after: Position | null = null; ; ) {
    const page = await read({ after, limit: PAGE, types });
    pages += 1;
    found += page.events.length;
    if (page.lookedTo === null) break;
    after = page.lookedTo;
  }
  return { pages, found, ms: performance.now() - started };
};

const main = async () => {
  const directory = mkdtempSync(join(tmpdir(), 'ledger-bench-events-'));
  try {
    const file = join(directory, 'ledger.db');
    const writing = performance.now();
    await writeLog(file);
    console.log(`log of ${EVENTS.toLocaleString('en')} events written in ${((performance.now() - writing) / 1000).toFixed(1)} s (SQLite file)`);
    const store = new SqliteEventStore(openSqliteDatabase(file), { ownsDatabase: true });
    const now: Read = (options) => store.readMatching(options);
    const before: Read = (options) => readMatchingByScan((batch) => store.readAll(batch), options);
    const middle = String(Math.floor(EVENTS / 2));
    console.log(`page of ${PAGE}; the store looks through ${MATCHING_WINDOW.toLocaleString('en')} positions a page, the scan read ${MATCHING_SCAN.toLocaleString('en')} events`);
    console.log('types'.padEnd(44) + 'page (median ms): now / before'.padEnd(34) + 'catch-up from the start: now / before');
    for (const types of [['AgreementEstablished'], ['PartnerRegistered', 'AgreementEstablished'], ['ServiceVoided'], ['RotationPlanned', 'AcquisitionClaimed'], ['LoanShipped']]) {
      const [pageNow, pageBefore] = [await timePage(now, types, middle), await timePage(before, types, middle)];
      const [allNow, allBefore] = [await catchUp(now, types), await catchUp(before, types)];
      if (allNow.found !== allBefore.found) throw new Error(`${types.join(',')}: ${allNow.found} events found now, ${allBefore.found} before`);
      console.log(
        types.join(',').padEnd(44) +
          `${pageNow.toFixed(2)} / ${pageBefore.toFixed(2)}`.padEnd(34) +
          `${allNow.pages} pages ${allNow.ms.toFixed(0)} ms / ${allBefore.pages} pages ${allBefore.ms.toFixed(0)} ms (${allNow.found.toLocaleString('en')} events)`,
      );
    }
    await store.close();
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
};

main().then(
  () => undefined,
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
