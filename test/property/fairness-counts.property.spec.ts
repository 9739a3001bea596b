import Database from 'better-sqlite3';
import fc from 'fast-check';
import { fairnessFactsProjection } from '../../src/application/fairness/fairness-facts.projection';
import type { RecordedEvent } from '../../src/application/ports/event-store.port';
import { SqliteFairnessReads } from '../../src/infrastructure/read-store/sqlite-fairness';
import { SqliteReadStore } from '../../src/infrastructure/read-store/sqlite-read-store';
import { SqliteFairnessJoins } from '../../bench/baseline/sqlite-fairness-joins';

/**
 * Issue 11 item 2: the fairness counts read from facts that carry their
 * loan's request time equal those gathered by matching requests to
 * acceptances and shipments when asked (the way they were read before, kept
 * as bench/queries' baseline), for random loans and random periods.
 */
const PARTNERS = ['DE-1', 'FR-2', 'ID-3'];
const HOUR = 3_600_000;
const START = Date.parse('2025-03-01T00:00:00.000Z');

type Loan = { lender: number; borrower: number; agreement: number; requestedHour: number; accepted: number | null; shipped: number | null };

const loan: fc.Arbitrary<Loan> = fc.record({
  lender: fc.nat({ max: PARTNERS.length - 1 }),
  borrower: fc.nat({ max: PARTNERS.length - 1 }),
  agreement: fc.nat({ max: 1 }),
  requestedHour: fc.nat({ max: 24 * 12 }),
  // Hours after the request; null: not (yet) accepted or shipped.
  accepted: fc.option(fc.nat({ max: 24 * 5 }), { nil: null }),
  shipped: fc.option(fc.nat({ max: 24 * 8 }), { nil: null }),
});

/** A claim on a title fulfilled or lapsed, counted per claimant. */
type Claim = { claimant: number; agreement: number; hour: number; fulfilled: boolean };

const claim: fc.Arbitrary<Claim> = fc.record({
  claimant: fc.nat({ max: PARTNERS.length - 1 }),
  agreement: fc.nat({ max: 1 }),
  hour: fc.nat({ max: 24 * 14 }),
  fulfilled: fc.boolean(),
});

/** Every step of every loan and every claim, in time order, as a store would log them. */
const eventsOf = (loans: readonly Loan[], claims: readonly Claim[] = []): RecordedEvent[] => {
  const steps: Array<{ type: string; stream: string; data: object; at: number }> = loans.flatMap((l, n) => {
    const data = { loanId: `loan-${n}`, lender: PARTNERS[l.lender], borrower: PARTNERS[l.borrower], agreementId: `a${l.agreement}` };
    const at = (hours: number) => START + (l.requestedHour + hours) * HOUR + n;
    const stream = data.loanId;
    return [
      { type: 'LoanRequested', stream, data, at: at(0) },
      ...(l.accepted === null ? [] : [{ type: 'LoanAccepted', stream, data, at: at(1 + l.accepted) }]),
      ...(l.shipped === null ? [] : [{ type: 'LoanShipped', stream, data, at: at(2 + (l.accepted ?? 0) + l.shipped) }]),
    ];
  });
  const claimed = claims.map((c, n) => ({
    type: c.fulfilled ? 'AcquisitionFulfilled' : 'AcquisitionClaimExpired',
    stream: `claim-${n}`,
    data: { isbn: `978000000${String(n).padStart(4, '0')}`, agreementId: `a${c.agreement}`, claimant: PARTNERS[c.claimant] },
    at: START + c.hour * HOUR + 500 + n,
  }));
  return [...steps, ...claimed]
    .sort((a, b) => a.at - b.at)
    .map(({ type, stream, data, at }, i) => ({
      eventId: `e${i}`, type, streamId: stream, streamVersion: 1, position: String(i + 1), data,
      metadata: { actor: { role: 'system' }, correlationId: 'c', causationId: 'c', recordedAt: new Date(at).toISOString() },
      prevHash: '', hash: '',
    }) as RecordedEvent);
};

const day = (n: number) => new Date(START + n * 24 * HOUR).toISOString();

describe('fairness counts per partner from carried request times against the matching of requests', () => {
  it('are the same for every agreement and period', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(loan, { maxLength: 30 }), fc.array(claim, { maxLength: 8 }), fc.nat({ max: 12 }), fc.integer({ min: 1, max: 20 }), fc.nat({ max: 3 }), async (loans, claims, from, length, batches) => {
        const db = new Database(':memory:');
        try {
          const store = new SqliteReadStore(db);
          await store.prepare(fairnessFactsProjection);
          const events = eventsOf(loans, claims);
          const size = Math.max(1, Math.ceil(events.length / (batches + 1)));
          for (let i = 0; i < events.length; i += size) {
            const batch = events.slice(i, i + size);
            await store.commit([{ projection: fairnessFactsProjection, rows: batch.flatMap((e) => fairnessFactsProjection.rowsOf(e)), checkpoint: batch.at(-1)!.position }]);
          }
          const period = { from: day(from), to: day(from + length) };
          for (const agreement of ['a0', 'a1']) {
            const carried = await new SqliteFairnessReads(db).periodCounts(agreement, period);
            const joined = await new SqliteFairnessJoins(db).periodCounts(agreement, period);
            const sorted = (counts: typeof carried) => [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([isil, c]) => [isil, { ...c, turnaroundHours: [...c.turnaroundHours].sort((x, y) => x - y) }]);
            expect(sorted(carried)).toEqual(sorted(joined));
          }
        } finally {
          db.close();
        }
      }),
      { numRuns: 150 },
    );
  });
});
