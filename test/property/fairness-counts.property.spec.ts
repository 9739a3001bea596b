import Database from 'better-sqlite3';
import fc from 'fast-check';
import { fairnessFactsProjection } from '../../src/application/fairness/fairness-facts.projection';
import type { FairnessReads, LoanTally } from '../../src/application/fairness/fairness-reads.port';
import type { RecordedEvent } from '../../src/application/ports/event-store.port';
import type { ReadStore } from '../../src/application/ports/read-store.port';
import { median, partnerFairness, quantile } from '../../src/domain/ledger';
import { FactsFairnessReads } from '../../src/infrastructure/read-store/fairness-gathering';
import { PgFairnessReads, pgFactRows } from '../../src/infrastructure/read-store/postgres/pg-fairness';
import { PgReadStore } from '../../src/infrastructure/read-store/postgres/pg-read-store';
import { SqliteFairnessReads, sqliteFactRows } from '../../src/infrastructure/read-store/sqlite-fairness';
import { SqliteReadStore } from '../../src/infrastructure/read-store/sqlite-read-store';
import { freshSchema, type TestSchema } from '../support/postgres';

/**
 * Issue 11 item 2: the fairness counts read from the tallies the facts carry
 * (two seeks per group) equal those gathered by matching requests to
 * acceptances and shipments when asked (the way both stores read them
 * before, and what a log whose times go back still gets), for random loans, claims, services, exchanges
 * and periods of whole days (the events stamped on the hour, so that many tie and fall at midnight, or
 * just past it; folded in batches that may fold again the last events of the one before), and so do the
 * lender suggestion's tallies of
 * loans shipped since an instant; and the turnaround median and p90 read
 * from their histograms are within the documented bound of the exact ones.
 * The requests each lender received in the period, accepted and withdrawn
 * (cancelled by the borrower before an answer) before its end, and the fill
 * rate they give, are those counted from the loans themselves.
 * On SQLite and on PostgreSQL, each store's tallies against its own matching.
 */
const PARTNERS = ['DE-1', 'FR-2', 'ID-3'];
const HOUR = 3_600_000;
const START = Date.parse('2025-03-01T00:00:00.000Z');

type Loan = {
  lender: number; borrower: number; agreement: number; requestedHour: number;
  accepted: number | null; shipped: number | null; cancelled: number | null;
};

const loan: fc.Arbitrary<Loan> = fc
  .record({
    lender: fc.nat({ max: PARTNERS.length - 1 }),
    borrower: fc.nat({ max: PARTNERS.length - 1 }),
    agreement: fc.nat({ max: 1 }),
    requestedHour: fc.nat({ max: 24 * 12 }),
    // Hours after the request; null: not (yet) accepted or shipped.
    accepted: fc.option(fc.nat({ max: 24 * 5 }), { nil: null }),
    shipped: fc.option(fc.nat({ max: 24 * 8 }), { nil: null }),
    // Hours after its acceptance, or its request if none: the borrower cancels a loan requested or accepted, never one shipped.
    cancelled: fc.option(fc.nat({ max: 24 * 6 }), { nil: null }),
  })
  .map((l) => (l.shipped === null ? l : { ...l, cancelled: null }));

/** A claim on a title fulfilled or lapsed, counted per claimant. */
type Claim = { claimant: number; agreement: number; hour: number; fulfilled: boolean };

const claim: fc.Arbitrary<Claim> = fc.record({
  claimant: fc.nat({ max: PARTNERS.length - 1 }),
  agreement: fc.nat({ max: 1 }),
  hour: fc.nat({ max: 24 * 14 }),
  fulfilled: fc.boolean(),
});

/** A service rendered (or voided) or exchange items dispatched, from one partner to another. */
type Given = { from: number; to: number; agreement: number; hour: number; what: 'rendered' | 'voided' | 'dispatched'; kind: number; units: number };

const KINDS = ['cataloguing', 'training'];

const given: fc.Arbitrary<Given> = fc.record({
  from: fc.nat({ max: PARTNERS.length - 1 }),
  to: fc.nat({ max: PARTNERS.length - 1 }),
  agreement: fc.nat({ max: 1 }),
  hour: fc.nat({ max: 24 * 14 }),
  what: fc.constantFrom('rendered' as const, 'voided' as const, 'dispatched' as const),
  kind: fc.nat({ max: KINDS.length - 1 }),
  units: fc.integer({ min: 1, max: 40 }).map((quarters) => quarters / 4),
});

const givenEvent = (g: Given, n: number, offset: (ms: number) => number) => {
  const [provider, recipient, agreementId] = [PARTNERS[g.from], PARTNERS[g.to], `a${g.agreement}`];
  const at = START + g.hour * HOUR + offset(700 + n);
  if (g.what === 'dispatched') {
    return { type: 'ExchangeItemsDispatched', stream: `exchange-${n}`, data: { exchangeId: `x${n}`, agreementId, sender: provider, receiver: recipient, itemCount: g.units * 4 }, at };
  }
  const data = { serviceId: `s${n}`, agreementId, provider, recipient, kind: KINDS[g.kind], units: g.units, unit: 'records' };
  return { type: g.what === 'rendered' ? 'ServiceRendered' : 'ServiceVoided', stream: `service-${n}`, data, at };
};

/** Hours after its request that a loan was accepted, shipped and cancelled (null: never). */
const stepHours = (l: Loan) => ({
  accepted: l.accepted === null ? null : 1 + l.accepted,
  shipped: l.shipped === null ? null : 2 + (l.accepted ?? 0) + l.shipped,
  cancelled: l.cancelled === null ? null : (l.accepted === null ? 1 : 2 + l.accepted) + l.cancelled,
});
const loanHour = (l: Loan, hours: number) => START + (l.requestedHour + hours) * HOUR;

/**
 * Every step of every loan, claim, service and exchange, in time order, as a
 * store would log them: each a few ms past its hour, or (`onTheHour`) on it,
 * so that many share a time and many fall exactly at midnight.
 */
const eventsOf = (loans: readonly Loan[], claims: readonly Claim[] = [], gifts: readonly Given[] = [], onTheHour = false): RecordedEvent[] => {
  const offset = (ms: number) => (onTheHour ? 0 : ms);
  const steps: Array<{ type: string; stream: string; data: object; at: number }> = loans.flatMap((l, n) => {
    const data = { loanId: `loan-${n}`, lender: PARTNERS[l.lender], borrower: PARTNERS[l.borrower], agreementId: `a${l.agreement}` };
    const at = (hours: number) => loanHour(l, hours) + offset(n);
    const stream = data.loanId;
    const times = stepHours(l);
    return [
      { type: 'LoanRequested', stream, data, at: at(0) },
      ...(times.accepted === null ? [] : [{ type: 'LoanAccepted', stream, data, at: at(times.accepted) }]),
      ...(times.shipped === null ? [] : [{ type: 'LoanShipped', stream, data, at: at(times.shipped) }]),
      ...(times.cancelled === null ? [] : [{ type: 'LoanCancelled', stream, data: { ...data, cancelledBy: data.borrower }, at: at(times.cancelled) }]),
    ];
  });
  const claimed = claims.map((c, n) => ({
    type: c.fulfilled ? 'AcquisitionFulfilled' : 'AcquisitionClaimExpired',
    stream: `claim-${n}`,
    data: { isbn: `978000000${String(n).padStart(4, '0')}`, agreementId: `a${c.agreement}`, claimant: PARTNERS[c.claimant] },
    at: START + c.hour * HOUR + offset(500 + n),
  }));
  return [...steps, ...claimed, ...gifts.map((g, n) => givenEvent(g, n, offset))]
    .sort((a, b) => a.at - b.at)
    .map(({ type, stream, data, at }, i) => ({
      eventId: `e${i}`, type, streamId: stream, streamVersion: 1, position: String(i + 1), data,
      metadata: { actor: { role: 'system' }, correlationId: 'c', causationId: 'c', recordedAt: new Date(at).toISOString() },
      prevHash: '', hash: '',
    }) as RecordedEvent);
};

const day = (n: number) => new Date(START + n * 24 * HOUR).toISOString();

/** Request to shipment, in hours, of the loans of a lender shipped in [from, to), as the events were stamped. */
const exactTurnarounds = (events: readonly RecordedEvent[], agreement: string, lender: string, from: string, to: string): number[] => {
  const requested = new Map<string, number>();
  const hours: number[] = [];
  for (const { type, data, metadata } of events) {
    const { loanId, lender: by, agreementId } = data as { loanId: string; lender: string; agreementId: string };
    if (type === 'LoanRequested') requested.set(loanId, Date.parse(metadata.recordedAt));
    if (type === 'LoanShipped' && agreementId === agreement && by === lender && metadata.recordedAt >= from && metadata.recordedAt < to) {
      hours.push((Date.parse(metadata.recordedAt) - requested.get(loanId)!) / HOUR);
    }
  }
  return hours;
};

/**
 * Per lender, counted from the loans themselves: the requests of the
 * agreement received in [from, to), those of them accepted before `to`, and
 * those its borrower cancelled before `to` with no acceptance before (a
 * cancellation after an acceptance withdrew nothing left to answer). Every
 * step of a loan is on its hour, or a few ms past it: a whole-day period
 * cuts them as it cuts their hours.
 */
const exactRequests = (loans: readonly Loan[], agreement: string, from: string, to: string) => {
  const counts = new Map(PARTNERS.map((isil) => [isil, { requestsReceived: 0, requestsAccepted: 0, requestsWithdrawn: 0 }]));
  const [start, end] = [Date.parse(from), Date.parse(to)];
  for (const l of loans) {
    if (`a${l.agreement}` !== agreement || loanHour(l, 0) < start || loanHour(l, 0) >= end) continue;
    const { accepted, cancelled } = stepHours(l);
    const tally = counts.get(PARTNERS[l.lender])!;
    tally.requestsReceived += 1;
    if (accepted !== null && loanHour(l, accepted) < end) tally.requestsAccepted += 1;
    if (accepted === null && cancelled !== null && loanHour(l, cancelled) < end) tally.requestsWithdrawn += 1;
  }
  return counts;
};

/** A store with the fairness facts emptied, its counts from the tallies, and the matching of requests to shipments over the same rows. */
type Counting = Readonly<{ store: ReadStore; tallied: FairnessReads; matched: FairnessReads }>;

const sameCounts = (open: () => Promise<Counting>, done: () => Promise<void>) =>
  fc.asyncProperty(
    fc.array(loan, { maxLength: 30 }), fc.array(claim, { maxLength: 8 }), fc.array(given, { maxLength: 12 }),
    fc.nat({ max: 12 }), fc.integer({ min: 1, max: 20 }), fc.nat({ max: 3 }), fc.nat({ max: 3 }), fc.boolean(),
    async (loans, claims, gifts, from, length, batches, overlap, onTheHour) => {
      const { store, tallied, matched } = await open();
      try {
        const events = eventsOf(loans, claims, gifts, onTheHour);
        const size = Math.max(1, Math.ceil(events.length / (batches + 1)));
        for (let i = 0; i < events.length; i += size) {
          // Each batch but the first may begin with events the one before folded (two writers on one store): counted once.
          const batch = events.slice(Math.max(0, i - overlap), i + size);
          await store.commit([{ projection: fairnessFactsProjection, rows: batch.flatMap((e) => fairnessFactsProjection.rowsOf(e)), checkpoint: batch.at(-1)!.position }]);
        }
        const period = { from: day(from), to: day(from + length) };
        for (const agreement of ['a0', 'a1']) {
          const counts = await tallied.periodCounts(agreement, period);
          const sorted = (found: typeof counts) => [...found].sort(([a], [b]) => (a < b ? -1 : 1));
          expect(sorted(counts)).toEqual(sorted(await matched.periodCounts(agreement, period)));
          for (const [isil, exact] of exactRequests(loans, agreement, period.from, period.to)) {
            const found = counts.get(isil);
            expect({
              requestsReceived: found?.requestsReceived ?? 0, requestsAccepted: found?.requestsAccepted ?? 0, requestsWithdrawn: found?.requestsWithdrawn ?? 0,
            }).toEqual(exact);
            const toAnswer = exact.requestsReceived - exact.requestsWithdrawn;
            if (found !== undefined) {
              expect(partnerFairness({ isil, ...found, holdings: 0 }, 1).fillRate).toBe(toAnswer === 0 ? null : exact.requestsAccepted / toAnswer);
            }
          }
          for (const [isil, partner] of counts) {
            const line = partnerFairness({ isil, ...partner, holdings: 0 }, 1);
            const exact = exactTurnarounds(events, agreement, isil, period.from, period.to);
            if (exact.length === 0) {
              expect(line.turnaroundMedianHours).toBeNull();
              continue;
            }
            const [exactMedian, exactP90] = [median(exact)!, quantile(exact, 0.9)!];
            expect(Math.abs(line.turnaroundMedianHours! - exactMedian)).toBeLessThan(1 / 60 + exactMedian / 8);
            expect(Math.abs(line.turnaroundP90Hours! - exactP90)).toBeLessThan(1 / 60 + exactP90 / 8);
          }
        }
        // The lender suggestion's tallies since an instant (not a midnight) of both agreements, for every partner.
        const since = new Date(START + from * 24 * HOUR + length * HOUR + 1).toISOString();
        const byKey = (tallies: readonly LoanTally[]) => [...tallies].sort((a, b) => (`${a.agreementId}\n${a.isil}` < `${b.agreementId}\n${b.isil}` ? -1 : 1));
        expect(byKey(await tallied.loanTallies(['a0', 'a1'], PARTNERS, since))).toEqual(byKey(await matched.loanTallies(['a0', 'a1'], PARTNERS, since)));
      } finally {
        await done();
      }
    },
  );

describe('fairness counts per partner from the tallies against the matching of requests', () => {
  it('are the same for every agreement and period, and the turnarounds within 1 minute + 1/8 of the exact ones', async () => {
    let db: Database.Database | undefined;
    const open = async (): Promise<Counting> => {
      db = new Database(':memory:');
      const store = new SqliteReadStore(db);
      await store.prepare(fairnessFactsProjection);
      return { store, tallied: new SqliteFairnessReads(db), matched: new FactsFairnessReads(sqliteFactRows(db)) };
    };
    await fc.assert(sameCounts(open, async () => void db?.close()), { numRuns: 150 });
  });

  describe('on PostgreSQL', () => {
    let schema: TestSchema;
    let store: PgReadStore;
    let tallied: PgFairnessReads;
    let matched: FactsFairnessReads;

    beforeAll(async () => {
      schema = await freshSchema();
      const pool = schema.pool();
      store = await PgReadStore.open(pool, { schema: schema.schema });
      tallied = new PgFairnessReads(pool, schema.schema);
      matched = new FactsFairnessReads(pgFactRows(pool, schema.schema));
    });
    afterAll(() => schema.drop());

    // Fewer runs than on SQLite: each one empties and folds the read model over the network.
    it('are the same for every agreement and period', async () => {
      const open = async (): Promise<Counting> => {
        await store.reset(fairnessFactsProjection);
        return { store, tallied, matched };
      };
      await fc.assert(sameCounts(open, async () => undefined), { numRuns: 40 });
    }, 300_000);
  });
});
