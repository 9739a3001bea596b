import { parseAmount, postingsFor, POSTING_EVENT_TYPES, type Posting } from '../../domain/ledger';
import type { RecordedEvent } from '../ports/event-store.port';
import type { RowProjection } from '../projections/projection';

export const POSTINGS_PROJECTION = 'postings';

/** One posting as the read store keeps it (table `rm_postings`). */
export type PostingRow = {
  position: number | string;
  recorded_at: string;
  event_id: string;
  /** Which posting of its event this is (0, 1, …): with the position, the row's unique key. */
  entry: number;
  agreement_id: string | null;
  unit: string;
  provider: string;
  receiver: string;
  /** The amount scaled by 10^4 (see domain/ledger/amount), always > 0. */
  amount: number | string;
};

/**
 * An exact integer for an INTEGER column. Scaled amounts are far below 2^53
 * for any real ledger: 2^53 / 10^4 is about 900 billion units in ONE posting
 * (a fee, a compensation, service units, an item count). Money is validated
 * up to 12 integer digits, which could exceed that, so anything beyond a safe
 * JavaScript integer travels as its decimal digits: SQLite's INTEGER affinity
 * stores such text as the exact 64-bit integer (the largest valid amount,
 * 10^16, is well inside 2^63), so no posting is ever rounded. Positions are
 * handled the same way.
 */
export const sqlInteger = (value: bigint): number | string => {
  const asNumber = Number(value);
  return Number.isSafeInteger(asNumber) ? asNumber : value.toString();
};

export const toPostingRow = (posting: Posting, entry: number): PostingRow => ({
  position: sqlInteger(BigInt(posting.position)),
  recorded_at: posting.recordedAt,
  event_id: posting.eventId,
  entry,
  agreement_id: posting.agreementId,
  unit: posting.unit,
  provider: posting.provider,
  receiver: posting.receiver,
  amount: sqlInteger(parseAmount(posting.amount)),
});

/**
 * The double-entry ledger (ARCHITECTURE §5): one row per posting, appended in
 * log order and never updated. The posting rules live in the domain
 * (postingsFor); this only flattens them to columns. Each row holds both
 * sides (provider +, receiver −), so every unit sums to zero by construction
 * and a balance is a sum over rows cut at a position or an instant.
 */
export const postingsProjection: RowProjection<PostingRow> = {
  kind: 'rows',
  name: POSTINGS_PROJECTION,
  version: 2,
  handles: new Set<string>(POSTING_EVENT_TYPES),
  columns: {
    position: 'INTEGER',
    recorded_at: 'TEXT',
    event_id: 'TEXT',
    entry: 'INTEGER',
    agreement_id: 'TEXT',
    unit: 'TEXT',
    provider: 'TEXT',
    receiver: 'TEXT',
    amount: 'INTEGER',
  },
  // A balance sums each side apart: these walk a side in (partner, unit)
  // order, and hold the cut and the amount, so the sums never touch the table.
  // The instant serves the log-order scans of an instant cut; the unique key
  // below, led by the position, those of a position cut.
  indexes: [
    ['provider', 'unit', 'position', 'amount'],
    ['receiver', 'unit', 'position', 'amount'],
    ['recorded_at'],
  ],
  // One event, one position: (position, entry) names a posting as exactly as
  // (event id, entry) would, and grows in log order, so it costs a rebuild no
  // random writes to a B-tree of UUIDs. A second fold of an event inserts nothing.
  unique: ['position', 'entry'],
  rowsOf: (event: RecordedEvent) =>
    postingsFor({
      type: event.type,
      data: event.data,
      eventId: event.eventId,
      position: event.position,
      recordedAt: event.metadata.recordedAt,
    }).map((posting, entry) => toPostingRow(posting, entry)),
};
