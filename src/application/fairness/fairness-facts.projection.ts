import type { AcquisitionClaimExpired, AcquisitionFulfilled } from '../../domain/claims';
import type { ExchangeItemsDispatched } from '../../domain/exchanges';
import type { HoldingsEvent } from '../../domain/holdings';
import { parseAmount, turnaroundBucket } from '../../domain/ledger';
import type { LoanAccepted, LoanCancelled, LoanRequested, LoanShipped } from '../../domain/loans';
import type { ServiceRendered, ServiceVoided } from '../../domain/services';
import type { RecordedEvent } from '../ports/event-store.port';
import type { LaterMoves, RowProjection, RunningMove, RunningTotals } from '../projections/projection';

export const FAIRNESS_FACTS_PROJECTION = 'fairness_facts';
export const FAIRNESS_HOLDINGS_PROJECTION = 'fairness_holdings';

/** What a fact row records; the report and the lender suggestion count these. */
export const FACT_KINDS = [
  'loan-requested', 'loan-accepted', 'loan-shipped', 'loan-cancelled',
  'claim-fulfilled', 'claim-expired',
  'service',
  'exchange-dispatched',
] as const;
export type FactKind = (typeof FACT_KINDS)[number];

/**
 * One fact the fairness report counts. `party` is the one who gives (lender,
 * sender, provider, claimant), `counterparty` the one who receives (borrower,
 * receiver, recipient). `units` are exchange items or service units as an
 * integer scaled by 10^4 (ledger/amount), so SQL sums stay exact. A service
 * rendered and its void are both of kind `service`, the void's units
 * negative: what a provider gave in a period is their sum, and one tally
 * per provider and service kind counts both (fairness-tallies).
 */
export type FairnessFact = {
  agreement_id: string;
  kind: FactKind;
  recorded_at: string;
  /** The same instant in ms since 1970, so a turnaround is one subtraction in SQL. */
  recorded_ms: number;
  /** The loan, exchange or service id, or the ISBN of a claim: what a request and its shipment are joined on. */
  subject: string;
  party: string;
  counterparty: string | null;
  /** The service kind, for services. */
  detail: string | null;
  units: number | null;
  position: number;
};

type FactEvent =
  | LoanRequested | LoanAccepted | LoanShipped | LoanCancelled
  | AcquisitionFulfilled | AcquisitionClaimExpired
  | ServiceRendered | ServiceVoided
  | ExchangeItemsDispatched;

const FACT_EVENTS: ReadonlySet<FactEvent['type']> = new Set([
  'LoanRequested', 'LoanAccepted', 'LoanShipped', 'LoanCancelled',
  'AcquisitionFulfilled', 'AcquisitionClaimExpired',
  'ServiceRendered', 'ServiceVoided',
  'ExchangeItemsDispatched',
]);

const LOAN_KINDS = {
  LoanRequested: 'loan-requested', LoanAccepted: 'loan-accepted', LoanShipped: 'loan-shipped', LoanCancelled: 'loan-cancelled',
} as const;

const scaled = (units: number): number => Number(parseAmount(units, 'units'));

/** The fact an event records, without its place in the log; null for an event the report does not count. */
const factOf = (event: FactEvent): Omit<FairnessFact, 'recorded_at' | 'recorded_ms' | 'position'> | null => {
  const none = { counterparty: null, detail: null, units: null };
  switch (event.type) {
    case 'LoanRequested':
    case 'LoanAccepted':
    case 'LoanShipped':
    case 'LoanCancelled': {
      const { loanId, lender, borrower, agreementId } = event.data;
      if (agreementId === undefined) return null;
      return { ...none, agreement_id: agreementId, kind: LOAN_KINDS[event.type], subject: loanId, party: lender, counterparty: borrower };
    }
    case 'AcquisitionFulfilled':
    case 'AcquisitionClaimExpired': {
      const { isbn, agreementId, claimant } = event.data;
      const kind = event.type === 'AcquisitionFulfilled' ? 'claim-fulfilled' : 'claim-expired';
      return { ...none, agreement_id: agreementId, kind, subject: isbn, party: claimant };
    }
    case 'ServiceRendered':
    case 'ServiceVoided': {
      const { serviceId, agreementId, provider, recipient, kind, units } = event.data;
      return {
        agreement_id: agreementId,
        kind: 'service',
        subject: serviceId,
        party: provider,
        counterparty: recipient,
        detail: kind,
        units: event.type === 'ServiceRendered' ? scaled(units) : -scaled(units),
      };
    }
    case 'ExchangeItemsDispatched': {
      const { exchangeId, agreementId, sender, receiver, itemCount } = event.data;
      return {
        agreement_id: agreementId, kind: 'exchange-dispatched', subject: exchangeId,
        party: sender, counterparty: receiver, detail: null, units: scaled(itemCount),
      };
    }
    default:
      return null;
  }
};

/** What a loan's acceptance, shipment and cancellation carry of its request: how many requests (1 once requested) and its time in ms since 1970. */
export const CARRIED_REQUEST = ['requested', 'requested_ms'] as const;
/** What a loan's cancellation carries of its answer: how many acceptances came before it (0: cancelled before the lender answered). */
export const CARRIED_ANSWER = 'answered';
/** What each row carries of its party's tally (the `by:` group) and of its counterparty's (the `to:` group) after it. */
export const CARRIED_BY = ['by_n', 'by_total'] as const;
export const CARRIED_TO = ['to_n', 'to_total'] as const;
/** The bucket of the party's tally the row is counted in, as text ('' for a tally without buckets, or whose buckets are a spread). */
export const BUCKET_BY = 'by_bucket';
/** The kinds whose party's tally keeps its buckets as a spread, and those whose counterparty's does (the others have none). */
const SPREAD_BY: ReadonlySet<FactKind> = new Set(['loan-shipped', 'service']);
const SPREAD_TO: ReadonlySet<FactKind> = new Set(['service']);

/** The columns of a group in the totals table, and its two sums: how many rows and the sum of what they count. */
export const TALLY_GROUP = ['agreement_id', 'tally', 'subject', 'bucket'] as const;
export const TALLY_SUMS = ['n', 'total'] as const;

/** The tally of a loan, whose sums are its request's: count and time. */
export const REQUEST_TALLY = 'request';
/**
 * The tally of a loan whose count is its acceptances, which its cancellation
 * carries (CARRIED_ANSWER): a borrower cancels only a loan requested or
 * accepted (loan.decider), so a cancellation that no acceptance came before
 * was made before the lender answered. A decline closes the loan, so no
 * cancellation follows one and declines need not be counted here.
 */
export const ANSWER_TALLY = 'answer';
/** The tallies of one kind of fact by its party and to its counterparty. */
export const byTally = (kind: FactKind) => `by:${kind}`;
export const toTally = (kind: FactKind) => `to:${kind}`;
/** Kinds whose counterparty the report counts (borrowers, recipients, receivers). */
export const COUNTERPARTY_KINDS: ReadonlySet<FactKind> = new Set(['loan-shipped', 'service', 'exchange-dispatched']);

/**
 * The tallies whose buckets are the days from a request to the fact, each
 * read from its own cut (fairness-tallies): a request's acceptance, and its
 * cancellation by the borrower before the lender answered (a cancellation
 * after an acceptance is in bucket '', with those whose request is not in
 * the log: neither is counted). So "of the requests received in the period,
 * those accepted (or withdrawn) before its end" is the same reads for both.
 */
export const LAGGED_TALLIES: readonly string[] = [byTally('loan-accepted'), byTally('loan-cancelled')];
/** Every tally of a partner the report reads. */
export const REPORT_TALLIES: readonly string[] = [
  ...(['loan-shipped', 'loan-requested', 'loan-accepted', 'loan-cancelled', 'claim-fulfilled', 'claim-expired', 'service', 'exchange-dispatched'] as const).map(byTally),
  ...[...COUNTERPARTY_KINDS].map(toTally),
];
/**
 * What an agreement's openings (ScopeOpenings) hold: every tally of the
 * report, the acceptances' and withdrawals' by their lag in days too (those
 * of a lag of a day or more start later than the period, and are read at
 * their start by a seek). An opening is kept as the group [agreement, OPENING, day,
 * ''], and past running-totals' OPENING_CHARS in more, [agreement,
 * OPENING, day, '1'], ….
 */
export const OPENING_TALLIES: readonly string[] = REPORT_TALLIES;
export const OPENING = 'opening';

const DAY_MS = 86_400_000;

/**
 * The bucket of the party's tally a row is counted in: a shipment's by its
 * turnaround (domain/ledger/turnaround) and a service's by its kind, each in
 * its tally's spread, an acceptance's and a cancellation's before any
 * answer by the UTC days from its request to it (so a period of whole days
 * knows which of them it holds of requests made before it), as a group of
 * its own. A loan whose request is not in the log has no turnaround nor
 * lag, and a cancellation after an acceptance withdrew nothing the lender
 * had still to answer: bucket ''.
 */
const byBucketOf = (row: Readonly<Record<string, bigint | string | number | null>>): string => {
  const requested = row.requested_ms;
  const known = typeof requested === 'bigint' && (row.requested as bigint) > 0n;
  const at = Number(row.recorded_ms);
  const lag = () => String(Math.floor(at / DAY_MS) - Math.floor(Number(requested) / DAY_MS));
  switch (row.kind as FactKind) {
    case 'loan-shipped':
      return known ? String(turnaroundBucket(at - Number(requested))) : '';
    case 'loan-accepted':
      return known ? lag() : '';
    case 'loan-cancelled':
      return known && row[CARRIED_ANSWER] === 0n ? lag() : '';
    case 'service':
      return String(row.detail);
    default:
      return '';
  }
};

/**
 * The fairness report's tallies, kept as the facts are folded so that no
 * report reads the facts of its period. Groups are (agreement, tally,
 * subject, bucket), each with a count and a total:
 *
 * - `request` per loan (subject: the loan id): its request's count and time,
 *   which its acceptance, shipment and cancellation carry (requested,
 *   requested_ms), so turnaround and fill rate need no join; `answer` per
 *   accepted loan: its acceptances, which its cancellation carries
 *   (answered), so a cancellation before any answer is told apart;
 * - `by:<kind>` per party (lender, claimant, provider, sender),
 *   `to:<kind>` per counterparty (borrower, recipient, receiver): each row
 *   carries the count and total of its two tallies after it (by_n,
 *   by_total, to_n, to_total), so a tally as of an instant is one seek down
 *   an index to its last row before it, and a period's is two. The buckets
 *   of a tally (byBucketOf) are groups of their own for acceptances, whose
 *   period starts later for each bucket, and a spread for shipments and
 *   services (SPREAD_BY, SPREAD_TO; a lender's shipments fill about 30
 *   turnaround buckets);
 * - one group per agreement (tally '') that watches the order of time and
 *   opens its day: the agreement's first row of each UTC day keeps what
 *   every tally of the report held before it, as the
 *   group [agreement, OPENING, day, ''] (ScopeOpenings; a large one in
 *   several rows of the day), so the report's tallies as of a midnight are
 *   one seek for the whole agreement.
 *
 * The party's tally needs the request's time, carried by the first pass, so
 * it is counted in the second (laterMovesOf).
 */
const tallies: RunningTotals<FairnessFact> = {
  key: TALLY_GROUP,
  sums: TALLY_SUMS,
  carried: [...CARRIED_REQUEST, CARRIED_ANSWER, ...CARRIED_BY, ...CARRIED_TO],
  labels: [BUCKET_BY],
  spreads: true,
  positionOf: (fact) => BigInt(fact.position),
  timeOf: (fact) => fact.recorded_at,
  // A fact whose event lacks a key (a loan without its id or lender, which no decider writes) is kept but tallied nowhere.
  movesOf: ({ kind, agreement_id, subject, recorded_ms }) => {
    if (!isText(agreement_id) || !isText(subject)) return [];
    const loan = [agreement_id, REQUEST_TALLY, subject, ''];
    const answer = [agreement_id, ANSWER_TALLY, subject, ''];
    switch (kind) {
      case 'loan-requested': return [{ key: loan, add: [1n, BigInt(recorded_ms)] }];
      case 'loan-accepted': return [{ key: loan, add: [], into: CARRIED_REQUEST }, { key: answer, add: [1n, 0n] }];
      case 'loan-shipped': return [{ key: loan, add: [], into: CARRIED_REQUEST }];
      case 'loan-cancelled': return [{ key: loan, add: [], into: CARRIED_REQUEST }, { key: answer, add: [], into: [CARRIED_ANSWER, null] }];
      default: return [];
    }
  },
  openings: { scope: 1, holds: OPENING_TALLIES, as: OPENING },
  laterMovesOf: (row): LaterMoves => {
    const { kind, agreement_id: agreement, party, counterparty } = row as Record<string, unknown>;
    if (!isText(agreement) || !isText(party)) return { moves: [] };
    const fact = kind as FactKind;
    const total = BigInt((row.units as number | null) ?? 0);
    const bucket = byBucketOf(row);
    const byBucket = SPREAD_BY.has(fact) ? '' : bucket;
    const by: RunningMove = { key: [agreement, byTally(fact), party, byBucket], add: [1n, fact === 'loan-shipped' ? turnaroundMs(row) : total], into: CARRIED_BY };
    const moves: RunningMove[] = [{ key: [agreement, '', '', ''], add: [], opens: true }, SPREAD_BY.has(fact) ? { ...by, spread: { bucket } } : by];
    const labels = { [BUCKET_BY]: byBucket };
    if (!COUNTERPARTY_KINDS.has(fact) || !isText(counterparty)) return { labels, moves };
    const to: RunningMove = { key: [agreement, toTally(fact), counterparty, ''], add: [1n, total], into: CARRIED_TO };
    moves.push(SPREAD_TO.has(fact) ? { ...to, spread: { bucket: String(row.detail) } } : to);
    return { labels, moves };
  },
};

const isText = (value: unknown): value is string => typeof value === 'string';

/** A shipment's turnaround in ms, 0 when its request is not in the log (it is then in bucket '', which no histogram reads). */
const turnaroundMs = (row: Readonly<Record<string, bigint | string | number | null>>): bigint =>
  typeof row.requested_ms === 'bigint' && (row.requested as bigint) > 0n ? BigInt(row.recorded_ms as number) - row.requested_ms : 0n;

/**
 * The facts of the fairness report, one row per event it counts, in log
 * order, with the tallies above carried along (see tallies).
 *
 * Two indexes lead each side's tally to its rows in time order, each
 * covering what a seek for a count and total reads: (agreement_id, kind,
 * party, by_bucket, recorded_at, by_n, by_total) and (agreement_id, kind,
 * counterparty, recorded_at, to_n, to_total), for the lender suggestion
 * (a count since any instant) and the acceptances and withdrawals of a lag
 * of a day or more (a seek per lender and lag, at its start); a report's other counts
 * are the agreement's openings at its two ends: independent of how many
 * facts the period holds, on either read store (fairness-tallies). The matching
 * of requests to shipments when asked (fairness-gathering), which a log out
 * of time order still gets, reads the same indexes by their (agreement_id,
 * kind) prefix.
 */
export const fairnessFactsProjection: RowProjection<FairnessFact> = {
  kind: 'rows',
  name: FAIRNESS_FACTS_PROJECTION,
  // 5: a service and its void are one kind of fact, `service` (were service-rendered and service-voided), so one tally.
  // 6: shipments' turnaround buckets and services' kinds are spreads of one tally per partner (were a group each).
  // 7: an agreement's tallies opened each day as one group (were a spread's opening on each tally's first row of a day).
  // 8: the same tallies, their table made again in the shape a store keeps spreads in (SQLite: a rowid table, see keptWithoutRowid).
  // 9: an opening of more than OPENING_CHARS kept in several rows of its day (was one row).
  // 10: openings hold the acceptances by lag too (were read by two seeks per lag): older openings lack what the reads take from them.
  // 11: a loan's cancellation is a fact, its lender's withdrawals before an answer tallied by lag (the fill rate leaves them out), and a
  //     column `answered` (older tables lack it and no cancellation).
  version: 11,
  handles: FACT_EVENTS,
  columns: {
    agreement_id: 'TEXT',
    kind: 'TEXT',
    recorded_at: 'TEXT',
    recorded_ms: 'INTEGER',
    subject: 'TEXT',
    party: 'TEXT',
    counterparty: 'TEXT',
    detail: 'TEXT',
    units: 'INTEGER',
    position: 'INTEGER',
  },
  indexes: [
    ['agreement_id', 'kind', 'party', BUCKET_BY, 'recorded_at', ...CARRIED_BY],
    ['agreement_id', 'kind', 'counterparty', 'recorded_at', ...CARRIED_TO],
  ],
  running: tallies,
  rowsOf: (event: RecordedEvent) => {
    const fact = factOf(event as unknown as FactEvent);
    const recordedAt = event.metadata.recordedAt;
    return fact === null ? [] : [{ ...fact, recorded_at: recordedAt, recorded_ms: Date.parse(recordedAt), position: Number(event.position) }];
  },
};

/**
 * Who holds which title, as rows: the latest row of an (isil, isbn) pair says
 * whether the library holds it now. It follows the union catalogue's rule (a
 * fulfilled claim makes the claimant a holder, a withdrawal removes it) but
 * as appended rows, and a title bought under a claim and then registered is
 * still counted once.
 */
export type HoldingFact = { isil: string; isbn: string; held: number; position: number };

type HoldingFactEvent = HoldingsEvent | AcquisitionFulfilled;

/** The isbn of a library's own group in the holdings totals: the count of titles it holds. */
export const TITLES_HELD = '';

/**
 * Each (isil, isbn) group of the totals is set to whether the library holds
 * the title after the row (1 or 0), and the library's own group (isbn
 * TITLES_HELD) adds what that changed: the count of titles it holds now,
 * kept as the rows are folded, so the report's holdings are one seek per
 * partner however many titles were ever registered. A title registered
 * twice, or bought and then registered, changes nothing the second time.
 */
const titlesHeld: RunningTotals<HoldingFact> = {
  key: ['isil', 'isbn'],
  sums: ['held'],
  carried: [],
  positionOf: (row) => BigInt(row.position),
  // The rows keep no time: a state, not a flow over a period.
  timeOf: () => '',
  movesOf: ({ isil, isbn, held }) => [
    { key: [isil, isbn], set: [BigInt(held)] },
    { key: [isil, TITLES_HELD], add: 'change' },
  ],
};

export const fairnessHoldingsProjection: RowProjection<HoldingFact> = {
  kind: 'rows',
  name: FAIRNESS_HOLDINGS_PROJECTION,
  // 2: the count of titles held carried in the totals (was counted from the rows when asked).
  version: 2,
  handles: new Set<HoldingFactEvent['type']>(['HoldingsRegistered', 'HoldingsWithdrawn', 'AcquisitionFulfilled']),
  columns: { isil: 'TEXT', isbn: 'TEXT', held: 'INTEGER', position: 'INTEGER' },
  indexes: [],
  running: titlesHeld,
  rowsOf: (recorded: RecordedEvent) => {
    const event = recorded as unknown as HoldingFactEvent;
    const position = Number(recorded.position);
    switch (event.type) {
      case 'HoldingsRegistered': {
        const { isil } = event.data;
        return event.data.items.map((item) => ({ isil, isbn: item.isbn13, held: 1, position }));
      }
      case 'HoldingsWithdrawn': {
        const { isil } = event.data;
        return event.data.isbns.map((isbn) => ({ isil, isbn, held: 0, position }));
      }
      case 'AcquisitionFulfilled':
        return [{ isil: event.data.claimant, isbn: event.data.isbn, held: 1, position }];
      default:
        return [];
    }
  },
};
