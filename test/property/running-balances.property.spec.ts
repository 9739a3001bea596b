import Database from 'better-sqlite3';
import fc from 'fast-check';
import { postingsProjection } from '../../src/application/ledger/postings.projection';
import type { BalanceCut, BalanceFilter, BalancesQueries } from '../../src/application/ports/balances.port';
import type { RecordedEvent } from '../../src/application/ports/event-store.port';
import type { ReadStore } from '../../src/application/ports/read-store.port';
import { PgBalanceSums } from '../../src/infrastructure/read-store/postgres/pg-balance-sums';
import { PgBalances } from '../../src/infrastructure/read-store/postgres/pg-balances';
import { PgReadStore } from '../../src/infrastructure/read-store/postgres/pg-read-store';
import { SqliteBalanceSums } from '../../src/infrastructure/read-store/sqlite-balance-sums';
import { SqliteBalances } from '../../src/infrastructure/read-store/sqlite-balances';
import { SqliteReadStore } from '../../src/infrastructure/read-store/sqlite-read-store';
import { freshSchema, type TestSchema } from '../support/postgres';

/**
 * Issue 11 item 1: the balances read from the running totals the postings
 * carry equal the SQL sums over the postings (the way they were read before,
 * kept as the oracle) for random postings, folded in random batches, some of
 * them twice (two writers on one file), at random positions and instants,
 * for every filter, the trial balance and the pair flows; on SQLite and on
 * PostgreSQL, each store's running totals against its own sums.
 */
const PARTNERS = ['DE-1', 'FR-2', 'ID-3', 'NL-4'];
const AGREEMENTS = ['a1', 'a2'];

type Act = { lender: number; borrower: number; fee: bigint | null; minute: number; agreement: number; kind: 'loan' | 'service' | 'void' };

const act: fc.Arbitrary<Act> = fc.record({
  lender: fc.nat({ max: PARTNERS.length - 1 }),
  borrower: fc.nat({ max: PARTNERS.length - 1 }),
  // Up to 10^16 scaled (the largest valid amount), so sums pass 2^53.
  fee: fc.option(fc.bigInt({ min: 1n, max: 10n ** 16n }), { nil: null }),
  minute: fc.nat({ max: 59 }),
  agreement: fc.nat({ max: AGREEMENTS.length - 1 }),
  kind: fc.constantFrom('loan' as const, 'service' as const, 'void' as const),
});

const instantOf = (minute: number) => `2025-03-04T10:${String(minute).padStart(2, '0')}:00.000Z`;
const money = (scaled: bigint) => `${scaled / 10_000n}.${String(scaled % 10_000n).padStart(4, '0')}`;

/** Events whose recorded times follow the log (as every store stamps them), or the random clocks of the acts. */
const eventsOf = (acts: readonly Act[], inOrder: boolean): RecordedEvent[] => {
  const minutes = inOrder ? acts.map(({ minute }) => minute).sort((a, b) => a - b) : acts.map(({ minute }) => minute);
  return acts.map((a, i) => {
    const position = String(i + 1);
    const lender = PARTNERS[a.lender];
    const borrower = PARTNERS[a.borrower];
    const agreementId = AGREEMENTS[a.agreement];
    const data =
      a.kind === 'loan'
        ? { loanId: `l${i}`, lender, borrower, agreementId, shippedAt: instantOf(minutes[i]), dueOn: '2025-04-01', ...(a.fee === null ? {} : { fee: { amount: money(a.fee), currency: 'EUR' } }) }
        : { serviceId: `s${i}`, agreementId, provider: lender, recipient: borrower, kind: 'training', units: Number(a.fee ?? 3n) % 1000 + 1, unit: 'hours' };
    const type = a.kind === 'loan' ? 'LoanShipped' : a.kind === 'service' ? 'ServiceRendered' : 'ServiceVoided';
    return {
      eventId: `e${i}`, type, streamId: 's', streamVersion: i + 1, position, data,
      metadata: { actor: { role: 'system' }, correlationId: 'c', causationId: 'c', recordedAt: instantOf(minutes[i]) },
      prevHash: '', hash: '',
    } as RecordedEvent;
  });
};

const filters: BalanceFilter[] = [
  {},
  { unit: 'loan' },
  ...PARTNERS.flatMap((partner) => [{ partner }, { partner, unit: 'money:EUR' }, { counterparty: partner }]),
  { partner: PARTNERS[0], counterparty: PARTNERS[1] },
  { partner: PARTNERS[1], counterparty: PARTNERS[0], unit: 'loan' },
  { partner: PARTNERS[2], counterparty: PARTNERS[2] },
];

const run = fc.record({
  acts: fc.array(act, { minLength: 0, maxLength: 40 }),
  inOrder: fc.boolean(),
  /** Where each batch ends, as fractions of the log, and which batches a second writer folds again. */
  cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }),
  twice: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
  positions: fc.array(fc.nat({ max: 45 }), { minLength: 1, maxLength: 4 }),
  instants: fc.array(fc.nat({ max: 60 }), { minLength: 1, maxLength: 4 }),
  /** How far apart the stores copy the totals: every few rows, or (as declared) none in so short a log. */
  marks: fc.constantFrom(1, 2, 5, postingsProjection.running!.marks!.every),
});

/** The postings read model with its totals copied at least every `every` rows (RunningTotals.marks). */
const markedEvery = (every: number): typeof postingsProjection => {
  const running = postingsProjection.running!;
  return { ...postingsProjection, running: { ...running, marks: { ...running.marks!, every } } };
};

/** A store with the postings read model (as given) emptied, its balances from the running totals, and its sums. */
type Ledger = Readonly<{ store: ReadStore; running: BalancesQueries; sums: BalancesQueries }>;

const sameBalances = (open: (projection: typeof postingsProjection) => Promise<Ledger>, done: () => Promise<void>) =>
  fc.asyncProperty(run, async ({ acts, inOrder, cuts, twice, positions, instants, marks }) => {
    const projection = markedEvery(marks);
    const { store, running, sums } = await open(projection);
    try {
      const events = eventsOf(acts, inOrder);
      const ends = [...new Set([...cuts.map((c) => Math.floor(c * events.length)), events.length])].sort((a, b) => a - b);
      const fold = (slice: readonly RecordedEvent[], end: number) =>
        store.commit([{ projection, rows: slice.flatMap((e) => projection.rowsOf(e)), checkpoint: String(end) }]);
      let from = 0;
      let previous = 0;
      for (const [i, end] of ends.entries()) {
        // A writer that lags folds the batch before this one again along with it; another folds this one twice.
        await fold(events.slice(twice[i] ? previous : from, end), end);
        if (twice[i]) await fold(events.slice(from, end), end);
        previous = from;
        from = end;
      }
      const cutsToAsk: BalanceCut[] = [
        ...positions.map((p) => ({ position: String(p) })),
        ...instants.map((m) => ({ instant: m === 60 ? '2025-03-04T11:00:00.000Z' : instantOf(m) })),
        { instant: '2025-03-04T10:30:00.500Z' },
      ];
      for (const cut of cutsToAsk) {
        for (const filter of filters) expect(await running.balances(filter, cut)).toEqual(await sums.balances(filter, cut));
        expect(await running.trialBalance(cut)).toEqual(await sums.trialBalance(cut));
        for (const unit of ['loan', 'money:EUR', 'service:training']) {
          expect(await running.pairFlows(unit, cut)).toEqual(await sums.pairFlows(unit, cut));
          expect(await running.pairFlows(unit, cut, AGREEMENTS[0])).toEqual(await sums.pairFlows(unit, cut, AGREEMENTS[0]));
        }
      }
    } finally {
      await done();
    }
  });

describe('running balances against the sums over the postings', () => {
  it('give the same balances, trial balance and pair flows at every cut (SQLite)', async () => {
    let db: Database.Database | undefined;
    const open = async (projection: typeof postingsProjection): Promise<Ledger> => {
      db = new Database(':memory:');
      const store = new SqliteReadStore(db);
      await store.prepare(projection);
      return { store, running: new SqliteBalances(db), sums: new SqliteBalanceSums(db) };
    };
    await fc.assert(sameBalances(open, async () => void db?.close()), { numRuns: 150 });
  });

  describe('on PostgreSQL', () => {
    let schema: TestSchema;
    let store: PgReadStore;
    let running: PgBalances;
    let sums: PgBalanceSums;

    beforeAll(async () => {
      schema = await freshSchema();
      const pool = schema.pool();
      store = await PgReadStore.open(pool, { schema: schema.schema });
      running = new PgBalances(pool, schema.schema);
      sums = new PgBalanceSums(pool, schema.schema);
    });
    afterAll(() => schema.drop());

    // Fewer runs than on SQLite: each one empties and folds the read model over the network.
    it('give the same balances, trial balance and pair flows at every cut', async () => {
      const open = async (projection: typeof postingsProjection): Promise<Ledger> => {
        await store.reset(projection);
        return { store, running, sums };
      };
      await fc.assert(sameBalances(open, async () => undefined), { numRuns: 40 });
    }, 300_000);
  });
});
