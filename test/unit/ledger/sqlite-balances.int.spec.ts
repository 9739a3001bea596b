import Database from 'better-sqlite3';
import type { RecordedEvent } from '../../../src/application/ports/event-store.port';
import { postingsProjection } from '../../../src/application/ledger/postings.projection';
import { postingsFor, trialBalance } from '../../../src/domain/ledger';
import { asOfStatement, SqliteBalances } from '../../../src/infrastructure/read-store/sqlite-balances';
import { SqliteReadStore } from '../../../src/infrastructure/read-store/sqlite-read-store';

const A = 'DE-1';
const B = 'ID-JKPNRI';
const C = 'FR-751131015';

let position = 0;
const at = (minute: number) => `2025-03-04T10:${String(minute).padStart(2, '0')}:00.000Z`;
const event = (type: string, data: object, minute: number): RecordedEvent => {
  position += 1;
  return {
    eventId: `evt-${position}`, type, streamId: 's', streamVersion: position, position: String(position), data,
    metadata: { actor: { role: 'system' }, correlationId: 'c', causationId: 'c', recordedAt: at(minute) },
    prevHash: '', hash: '',
  };
};
const shipped = (lender: string, borrower: string, minute: number, fee = '2.50') =>
  event('LoanShipped', { loanId: 'l', lender, borrower, agreementId: 'g', shippedAt: at(minute), dueOn: '2025-04-01', fee: { amount: fee, currency: 'EUR' } }, minute);

describe('balances over the postings table (SQLite)', () => {
  const db = new Database(':memory:');
  const reads = new SqliteReadStore(db);
  const balances = new SqliteBalances(db);
  // Recorded out of position order on purpose: position 3 carries the earliest clock.
  const events = [shipped(A, B, 10), shipped(A, C, 20, '0.1'), shipped(B, A, 5, '0.2'), shipped(C, A, 30, '999999999999.9999')];

  beforeAll(async () => {
    await reads.prepare(postingsProjection);
    await reads.commit([{ projection: postingsProjection, rows: events.flatMap((e) => postingsProjection.rowsOf(e)), checkpoint: '4' }]);
  });
  afterAll(() => db.close());

  it('sums a partner’s balance per unit, exactly', async () =>
    expect(await balances.balances({ partner: A }, { position: '3' })).toEqual([
      { partner: A, unit: 'loan', balance: '1' },
      { partner: A, unit: 'money:EUR', balance: '2.4' }, // 2.5 + 0.1 − 0.2, not 2.4000000000000004
    ]));

  it('reads a pair from both sides', async () => {
    expect(await balances.balances({ partner: A, counterparty: B, unit: 'money:EUR' }, { position: '4' })).toEqual([
      { partner: A, counterparty: B, unit: 'money:EUR', balance: '2.3' },
    ]);
    expect(await balances.balances({ partner: B, counterparty: A, unit: 'money:EUR' }, { position: '4' })).toEqual([
      { partner: B, counterparty: A, unit: 'money:EUR', balance: '-2.3' },
    ]);
  });

  it('cuts at a position and at an instant, which differ when clocks and appends disagree', async () => {
    expect(await balances.balances({ partner: B, unit: 'loan' }, { position: '2' })).toEqual([{ partner: B, unit: 'loan', balance: '-1' }]);
    expect(await balances.balances({ partner: B, unit: 'loan' }, { instant: at(9) })).toEqual([{ partner: B, unit: 'loan', balance: '1' }]);
    expect(await balances.balances({}, { instant: at(4) })).toEqual([]);
  });

  it('sums beyond 2^53 without rounding, and the trial balance is zero with its turnover', async () => {
    expect(await balances.balances({ partner: C, unit: 'money:EUR' }, { position: '4' })).toEqual([
      { partner: C, unit: 'money:EUR', balance: '999999999999.8999' },
    ]);
    expect(await balances.trialBalance({ position: '4' })).toEqual([
      { unit: 'loan', total: '0', turnover: '4' },
      { unit: 'money:EUR', total: '0', turnover: '1000000000002.7999' },
    ]);
  });

  it('reads a few groups\' sums at a past cut from an index alone, never from a posting row; many from the last copy of the totals and the postings after it, or the totals now', async () => {
    const plans: string[] = [];
    const explaining = Object.create(db, {
      prepare: { value: (sql: string) => {
        if (sql.includes('@position')) plans.push(...db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ position: 1n, partner: '', counterparty: '', unit: '' }).map((row) => (row as { detail: string }).detail));
        return db.prepare(sql);
      } },
    }) as Database.Database;
    const balancesExplained = new SqliteBalances(explaining);
    const readsOf = async (ask: () => Promise<unknown>) => {
      plans.length = 0;
      await ask();
      return plans.filter((detail) => /^(SEARCH|SCAN) rm_/.test(detail));
    };
    // One partner and one pair: every table the statements read but the totals (g), two seeks per group, each down an index holding its sum.
    for (const filter of [{ partner: A }, { partner: A, counterparty: B }]) {
      const reads = (await readsOf(() => balancesExplained.balances(filter, { position: '2' }))).filter((detail) => !/^(SEARCH|SCAN) g /.test(detail));
      expect(reads).toHaveLength(2);
      for (const detail of reads) expect(detail).toMatch(/^SEARCH rm_postings USING COVERING INDEX /);
    }
    // Every partner from the copies: the partners' groups of the copy at or before the cut and the postings after it by
    // position, or at the last posting (the ledger's own group says which) the partners' groups of the totals; never a scan.
    const explain = (sql: string) => db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ position: 1n }).map((row) => (row as { detail: string }).detail);
    expect(explain(asOfStatement('partners', "g.partner <> '' AND g.counterparty = ''", false)).filter((detail) => /^(SEARCH|SCAN) rm_/.test(detail))).toEqual([
      'SEARCH rm_postings_totals USING INDEX rm_postings_totals_counterparty_partner_unit (counterparty=?)',
      'SEARCH rm_postings_totals USING PRIMARY KEY (partner=? AND counterparty=? AND unit=?)',
      'SEARCH rm_postings_marks USING PRIMARY KEY (mark=? AND counterparty=?)',
      'SEARCH rm_postings_marks USING PRIMARY KEY (mark<?)',
      'SEARCH rm_postings USING INDEX rm_postings_key (position>? AND position<?)',
    ]);
  });

  it.each(['1', '2', '3', '4'])('answers the trial balance at position %s as the domain sums the postings themselves', async (cut) => {
    const postings = events.filter((e) => BigInt(e.position) <= BigInt(cut)).flatMap((e) =>
      postingsFor({ type: e.type, data: e.data, eventId: e.eventId, position: e.position, recordedAt: e.metadata.recordedAt }),
    );
    expect(await balances.trialBalance({ position: cut })).toEqual(trialBalance(postings));
  });
});
