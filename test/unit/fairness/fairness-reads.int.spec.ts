import { agreementsProjection } from '../../../src/application/agreements/agreements.projection';
import {
  fairnessFactsProjection,
  fairnessHoldingsProjection,
  type FairnessFact,
  type HoldingFact,
} from '../../../src/application/fairness/fairness-facts.projection';
import type { FairnessReads } from '../../../src/application/fairness/fairness-reads.port';
import type { ReadStore } from '../../../src/application/ports/read-store.port';
import { turnaroundHistogram } from '../../../src/domain/ledger';
import { openSqliteDatabase } from '../../../src/infrastructure/event-store/sqlite/sqlite-database';
import { FactsFairnessReads } from '../../../src/infrastructure/read-store/fairness-gathering';
import { pgFactRows, PgFairnessReads } from '../../../src/infrastructure/read-store/postgres/pg-fairness';
import { PgReadStore } from '../../../src/infrastructure/read-store/postgres/pg-read-store';
import { sqliteFactRows, SqliteFairnessReads } from '../../../src/infrastructure/read-store/sqlite-fairness';
import { SqliteReadStore } from '../../../src/infrastructure/read-store/sqlite-read-store';
import { freshSchema } from '../../support/postgres';

const AGREEMENT = 'agreement-1';
const HOUR = 3_600_000;
const PERIOD = { from: '2030-03-01T00:00:00.000Z', to: '2030-04-01T00:00:00.000Z' };

let position = 0;
const fact = (kind: FairnessFact['kind'], subject: string, recordedAt: string, party = 'DE-1', counterparty: string | null = 'ID-1', extra: Partial<FairnessFact> = {}): FairnessFact => ({
  agreement_id: AGREEMENT, kind, recorded_at: recordedAt, recorded_ms: Date.parse(recordedAt), subject, party, counterparty, detail: null, units: null, position: ++position, ...extra,
});
const holding = (isil: string, isbn: string, held: number): HoldingFact => ({ isil, isbn, held, position: ++position });

/**
 * A read store, its fairness reads, the same reads by the matching of
 * requests to shipments alone, how many rows keep an agreement's opening of
 * a day, and how to close them.
 */
type Opened = Readonly<{
  store: ReadStore;
  reads: FairnessReads;
  matching: FairnessReads;
  openingRows: (agreementId: string, day: string) => Promise<number>;
  close: () => Promise<void>;
}>;

const OPENING_ROWS = `SELECT count(*) AS rows FROM rm_${fairnessFactsProjection.name}_totals WHERE agreement_id = $1 AND tally = 'opening' AND subject = $2`;

const STORES: ReadonlyArray<[string, () => Promise<Opened>]> = [
  ['SQLite', async () => {
    const db = openSqliteDatabase(':memory:');
    return {
      store: new SqliteReadStore(db),
      reads: new SqliteFairnessReads(db),
      matching: new FactsFairnessReads(sqliteFactRows(db)),
      openingRows: async (agreementId, day) => (db.prepare(OPENING_ROWS.replace('$1', '?').replace('$2', '?')).get(agreementId, day) as { rows: number }).rows,
      close: async () => void db.close(),
    };
  }],
  ['PostgreSQL', async () => {
    const schema = await freshSchema();
    const pool = schema.pool();
    return {
      store: await PgReadStore.open(pool, { schema: schema.schema }),
      reads: new PgFairnessReads(pool, schema.schema),
      matching: new FactsFairnessReads(pgFactRows(pool, schema.schema)),
      openingRows: async (agreementId, day) =>
        Number((await pool.query<{ rows: string }>(OPENING_ROWS.replace('rm_', `"${schema.schema}".rm_`), [agreementId, day])).rows[0].rows),
      close: schema.drop,
    };
  }],
];

/** In time order, as a store logs them. */
const loanFacts = (): FairnessFact[] => [
  // requested 200 days before the period, long before the first window the report looks in: 200 × 24 + 2 = 4802 h
  fact('loan-requested', 'old', '2029-08-13T08:00:00.000Z'),
  fact('loan-accepted', 'old', '2029-08-13T09:00:00.000Z'),
  // requested the day before the period, accepted in it: neither received nor accepted in the period
  fact('loan-requested', 'edge', '2030-02-28T23:00:00.000Z'),
  fact('loan-accepted', 'edge', '2030-03-01T01:00:00.000Z'),
  fact('loan-shipped', 'old', '2030-03-01T10:00:00.000Z'),
  fact('loan-requested', 'in', '2030-03-02T08:00:00.000Z'),
  fact('loan-accepted', 'in', '2030-03-02T09:00:00.000Z'),
  fact('loan-shipped', 'in', '2030-03-03T08:00:00.000Z'),
  // another agreement's loan is not counted
  fact('loan-shipped', 'other', '2030-03-05T08:00:00.000Z', 'DE-1', 'ID-1', { agreement_id: 'agreement-2' }),
  // accepted after the period: received in it, not accepted in it
  fact('loan-requested', 'late', '2030-03-30T08:00:00.000Z'),
  fact('loan-accepted', 'late', '2030-04-02T08:00:00.000Z'),
];

describe.each(STORES)('the fairness counts on %s', (_, open) => {
  let opened: Opened;
  let store: ReadStore;
  let reads: FairnessReads;
  let facts: FairnessFact[];
  const rows = (projection: typeof fairnessFactsProjection | typeof fairnessHoldingsProjection, list: object[]) =>
    store.commit([{ projection: projection as never, rows: list as never, checkpoint: String(position) }]);

  let holdings: HoldingFact[];

  beforeEach(async () => {
    opened = await open();
    ({ store, reads } = opened);
    for (const projection of [fairnessFactsProjection, fairnessHoldingsProjection, agreementsProjection]) await store.prepare(projection);
    facts = loanFacts();
    await rows(fairnessFactsProjection, facts);
    holdings = [
      holding('DE-1', 'a', 1), holding('DE-1', 'b', 1), holding('DE-1', 'b', 0), // b withdrawn
      holding('DE-1', 'c', 1), holding('DE-1', 'c', 1), // c bought under a claim, then registered: one title
      holding('DE-1', 'd', 1), holding('DE-1', 'd', 0), holding('DE-1', 'd', 1), // d withdrawn, then registered again
      holding('ID-1', 'e', 1), holding('ID-1', 'e', 0),
    ];
    await rows(fairnessHoldingsProjection, holdings);
  });
  afterEach(() => opened.close());

  it('finds the request of a loan shipped in the period however long before it was made', async () => {
    const counts = await reads.periodCounts(AGREEMENT, PERIOD);
    // 'old': 2029-08-13 08:00 → 2030-03-01 10:00 = 200 days + 2 h = 4802 h; 'in': 24 h
    expect(counts.get('DE-1')).toMatchObject({ loansLent: 2, turnarounds: turnaroundHistogram([4802 * HOUR, 24 * HOUR]), requestsReceived: 2, requestsAccepted: 1 });
    expect(counts.get('ID-1')).toMatchObject({ loansBorrowed: 2, requestsReceived: 0 });
  });

  it('gives the same counts from facts recorded out of time order, by matching requests to shipments', async () => {
    const inOrder = await reads.periodCounts(AGREEMENT, PERIOD);
    // the shipment of 'in' logged before its request, as a store that did not stamp times in log order might have
    const [requested, accepted, shipped] = [5, 6, 7].map((i) => facts[i]);
    const reordered = [...facts.slice(0, 5), { ...shipped, position: requested.position }, { ...requested, position: accepted.position }, { ...accepted, position: shipped.position }, ...facts.slice(8)];
    await store.reset(fairnessFactsProjection);
    await rows(fairnessFactsProjection, reordered);
    expect(await reads.periodCounts(AGREEMENT, PERIOD)).toEqual(inOrder);
  });

  it('gives no line to a partner whose only fact in the period is the acceptance of a request not in the log, as the matching gives none', async () => {
    // Another agreement, so that its facts are in time order on their own.
    await rows(fairnessFactsProjection, [fact('loan-accepted', 'orphan', '2030-03-10T08:00:00.000Z', 'FR-9', 'ID-1', { agreement_id: 'agreement-3' })]);
    expect(await reads.periodCounts('agreement-3', PERIOD)).toEqual(new Map());
  });

  it('counts the requests received in the period that the borrower cancelled before an answer, before its end, as the matching does', async () => {
    const other = { agreement_id: 'agreement-4' };
    const step = (kind: FairnessFact['kind'], subject: string, recordedAt: string) => fact(kind, subject, recordedAt, 'DE-1', 'ID-1', other);
    await rows(fairnessFactsProjection, [
      // requested before the period, cancelled in it: not a request of the period
      step('loan-requested', 'before', '2030-02-27T08:00:00.000Z'),
      step('loan-cancelled', 'before', '2030-03-02T08:00:00.000Z'),
      step('loan-requested', 'same-day', '2030-03-03T08:00:00.000Z'),
      step('loan-cancelled', 'same-day', '2030-03-03T10:00:00.000Z'),
      step('loan-requested', 'two-days', '2030-03-05T08:00:00.000Z'),
      step('loan-requested', 'accepted', '2030-03-06T08:00:00.000Z'),
      step('loan-accepted', 'accepted', '2030-03-06T09:00:00.000Z'),
      step('loan-cancelled', 'two-days', '2030-03-07T08:00:00.000Z'),
      // cancelled once accepted: the lender had answered
      step('loan-cancelled', 'accepted', '2030-03-08T08:00:00.000Z'),
      step('loan-requested', 'unanswered', '2030-03-10T08:00:00.000Z'),
      // cancelled after the period: still to answer at its end
      step('loan-requested', 'late', '2030-03-30T08:00:00.000Z'),
      step('loan-cancelled', 'late', '2030-04-02T08:00:00.000Z'),
    ]);
    const counts = await reads.periodCounts('agreement-4', PERIOD);
    expect(counts.get('DE-1')).toMatchObject({ requestsReceived: 5, requestsAccepted: 1, requestsWithdrawn: 2 });
    expect(counts).toEqual(await opened.matching.periodCounts('agreement-4', PERIOD));
    // April and May: 'late' was received in March; its withdrawal is no request of theirs.
    const april = { from: PERIOD.to, to: '2030-06-01T00:00:00.000Z' };
    expect(await reads.periodCounts('agreement-4', april)).toEqual(new Map());
    expect(await opened.matching.periodCounts('agreement-4', april)).toEqual(new Map());
  });

  it('counts each title a library holds now once', async () =>
    // DE-1: a, c, d; ID-1 holds nothing and is left out
    expect(await reads.holdingsCounts(['DE-1', 'ID-1', 'FR-1'])).toEqual({ 'DE-1': 3 }));

  it('counts the same titles from holdings folded in several batches, and folded again', async () => {
    await store.reset(fairnessHoldingsProjection);
    await rows(fairnessHoldingsProjection, holdings.slice(0, 4));
    expect(await reads.holdingsCounts(['DE-1', 'ID-1'])).toEqual({ 'DE-1': 2 });
    // The batch after goes on from the counts kept; its first row was folded already and counts once.
    await rows(fairnessHoldingsProjection, holdings.slice(3, 9));
    expect(await reads.holdingsCounts(['DE-1', 'ID-1'])).toEqual({ 'DE-1': 3, 'ID-1': 1 });
    await rows(fairnessHoldingsProjection, holdings.slice(9));
    await rows(fairnessHoldingsProjection, holdings);
    expect(await reads.holdingsCounts(['DE-1', 'ID-1', 'FR-1'])).toEqual({ 'DE-1': 3 });
  });

  it('counts a borrower\'s and a recipient\'s tallies past a fact without a party, which is tallied nowhere', async () => {
    const service = (subject: string, recordedAt: string, party: string) =>
      fact('service', subject, recordedAt, party, 'FR-2', { agreement_id: 'agreement-4', detail: 'training', units: 10_000 });
    const shipped = (subject: string, recordedAt: string, party: string) => fact('loan-shipped', subject, recordedAt, party, 'FR-2', { agreement_id: 'agreement-4' });
    await rows(fairnessFactsProjection, [
      shipped('l1', '2030-03-01T02:00:00.000Z', 'DE-1'),
      service('s1', '2030-03-01T05:00:00.000Z', 'DE-1'),
      // no lender nor provider: the borrower's and the recipient's facts of the next day come first that day
      shipped('lx', '2030-03-02T00:30:00.000Z', null as never),
      service('sx', '2030-03-02T00:30:00.000Z', null as never),
      shipped('l2', '2030-03-02T10:00:00.000Z', 'DE-1'),
      service('s2', '2030-03-02T10:00:00.000Z', 'DE-1'),
    ]);
    const day = { from: '2030-03-01T00:00:00.000Z', to: '2030-03-02T00:00:00.000Z' };
    expect((await reads.periodCounts('agreement-4', day)).get('FR-2')).toMatchObject({ loansBorrowed: 1, servicesReceived: new Map([['training', 10_000n]]) });
    expect(await reads.loanTallies(['agreement-4'], ['FR-2'], '2030-03-01T07:00:00.000Z')).toEqual([{ agreementId: 'agreement-4', isil: 'FR-2', lent: 0, borrowed: 1 }]);
  });

  it('counts a network whose openings take several rows as the matching does, from its openings and from its groups as they are', async () => {
    // 400 partners each lending to, serving and sending to the next, four days running:
    // openings of more than OPENING_CHARS, and more than OPENED_ROW groups as they are.
    const network = 'agreement-network';
    const isils = Array.from({ length: 400 }, (_, i) => `DE-N${String(i).padStart(4, '0')}`);
    const acts: Array<[FairnessFact['kind'], string, string, string, string, Partial<FairnessFact>]> = [];
    for (const [d, day] of ['2030-03-01', '2030-03-02', '2030-03-03', '2030-03-04'].entries()) {
      isils.forEach((isil, i) => {
        const next = isils[(i + 1) % isils.length];
        const loan = `loan-${d}-${i}`;
        acts.push(['loan-requested', loan, `${day}T08:00:00.000Z`, isil, next, {}]);
        // Every seventh accepted the next day, every eleventh two days later (lags of 1 and 2 days), each shipped some hours after its request.
        const acceptedOn = new Date(Date.parse(day) + (i % 7 === 0 ? 1 : i % 11 === 0 ? 2 : 0) * 86_400_000).toISOString().slice(0, 10);
        acts.push(['loan-accepted', loan, `${acceptedOn}T${i % 7 === 0 || i % 11 === 0 ? '01' : '09'}:00:00.000Z`, isil, next, {}]);
        acts.push(['loan-shipped', loan, `${day}T${String(10 + (i % 13)).padStart(2, '0')}:00:00.000Z`, isil, next, {}]);
        acts.push(['service', `service-${d}-${i}`, `${day}T12:00:00.000Z`, isil, next, { detail: i % 2 === 0 ? 'training' : 'cataloguing', units: 10_000 * (1 + (i % 3)) }]);
        acts.push(['exchange-dispatched', `exchange-${d}-${i}`, `${day}T13:00:00.000Z`, isil, next, { units: 10_000 }]);
      });
    }
    acts.sort((a, b) => a[2].localeCompare(b[2]));
    await rows(fairnessFactsProjection, acts.map(([kind, subject, at, party, counterparty, extra]) => fact(kind, subject, at, party, counterparty, { agreement_id: network, ...extra })));
    expect(await opened.openingRows(network, '2030-03-04')).toBeGreaterThan(1);
    for (const period of [
      { from: '2030-03-02T00:00:00.000Z', to: '2030-03-04T00:00:00.000Z' },
      // its end after the last fact: the groups as they are
      { from: '2030-03-03T00:00:00.000Z', to: '2030-04-01T00:00:00.000Z' },
      { from: '2030-02-01T00:00:00.000Z', to: '2030-04-01T00:00:00.000Z' },
    ]) {
      const counts = await reads.periodCounts(network, period);
      expect(counts.size).toBe(isils.length);
      expect(counts).toEqual(await opened.matching.periodCounts(network, period));
    }
  });

  it('tallies loans lent and borrowed since an instant, per agreement and partner', async () => {
    const tallies = await reads.loanTallies([AGREEMENT, 'agreement-2'], ['DE-1', 'ID-1'], '2030-03-02T00:00:00.000Z');
    expect(tallies).toHaveLength(4);
    expect(tallies).toEqual(
      expect.arrayContaining([
        { agreementId: AGREEMENT, isil: 'DE-1', lent: 1, borrowed: 0 },
        { agreementId: AGREEMENT, isil: 'ID-1', lent: 0, borrowed: 1 },
        { agreementId: 'agreement-2', isil: 'DE-1', lent: 1, borrowed: 0 },
        { agreementId: 'agreement-2', isil: 'ID-1', lent: 0, borrowed: 1 },
      ]),
    );
  });

  it('lists the agreements in force covering loans that have the library among their members, and no other', async () => {
    const agreement = (agreementId: string, status: string, forms: string[], members: string[], memberships: string[] = members) => ({
      id: agreementId,
      position: String(++position),
      doc: {
        agreementId, status, terminated: status !== 'active', forms, members, startsOn: '2030-01-01', terms: { goalRatio: 1 }, subjects: [],
        memberships: memberships.map((isil) => ({ isil, joinedAt: '2030-01-01T00:00:00.000Z' })),
      },
    });
    const upserts = [
      agreement('loans', 'active', ['loans', 'services'], ['ID-1', 'DE-1']),
      agreement('exchanges-only', 'active', ['exchanges'], ['DE-1']),
      agreement('ended', 'terminated', ['loans'], ['DE-1']),
      // DE-1 in its text (a membership it withdrew from), not among its members
      agreement('withdrawn', 'active', ['loans'], ['ID-1'], ['ID-1', 'DE-1']),
      // a member written in lower case
      agreement('lower-case', 'active', ['loans'], ['de-1']),
    ];
    await store.commit([{ projection: agreementsProjection as never, upserts, deletes: [], checkpoint: String(position) }]);
    expect((await reads.loanAgreementsOf('DE-1')).map(({ agreementId }) => agreementId)).toEqual(['loans', 'lower-case']);
    expect((await reads.loanAgreementsOf('ID-1')).map(({ agreementId }) => agreementId)).toEqual(['loans', 'withdrawn']);
    expect(await reads.loanAgreementsOf('FR-9')).toEqual([]);
  });
});

describe('the fairness counts on PostgreSQL, read while a fact is folded', () => {
  it('reads both ends of the period as of one moment: a fact of the next day folded as the report reads is not counted', async () => {
    const schema = await freshSchema();
    try {
      const pool = schema.pool();
      const store = await PgReadStore.open(pool, { schema: schema.schema });
      await store.prepare(fairnessFactsProjection);
      const fold = (row: FairnessFact) => store.commit([{ projection: fairnessFactsProjection as never, rows: [row] as never, checkpoint: String(row.position) }]);
      await fold(fact('claim-fulfilled', '9780306406157', '2030-03-01T10:00:00.000Z', 'DE-1', null));
      let folded = false;
      // The agreement's first fact of the next day lands just before the report reads the agreement's tallies as they are.
      const racing = new Proxy(pool, {
        get: (target, property) =>
          property !== 'query'
            ? Reflect.get(target, property)
            : async (config: { text?: string }, ...rest: unknown[]) => {
              if (!folded && config.text?.includes("tally = ANY('{")) {
                folded = true;
                await fold(fact('claim-fulfilled', '9780306406164', '2030-03-02T00:00:05.000Z', 'DE-1', null));
              }
              return (target.query as (...args: unknown[]) => unknown)(config, ...rest);
            },
      });
      const counts = await new PgFairnessReads(racing, schema.schema).periodCounts(AGREEMENT, { from: '2030-03-01T00:00:00.000Z', to: '2030-03-02T00:00:00.000Z' });
      expect(folded).toBe(true);
      expect(counts.get('DE-1')?.claimsFulfilled).toBe(1);
    } finally {
      await schema.drop();
    }
  });
});
