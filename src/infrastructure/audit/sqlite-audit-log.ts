import type { Database } from 'better-sqlite3';
import type { AuditLog, LogLink, StoredEvent } from '../../application/audit/log-reader';

/** A row of the embedded store's `events` table in raw mode, in the order selected. */
type Row = [number, string, string, number, string, string, string, string, string];

/**
 * The audit read of the embedded store: its `events` rows as they are, data
 * and metadata the canonical text the store hashed, never parsed. Rows are
 * stepped one at a time, so a batch stops at its byte bound before the next
 * row is read (a run of 1 MB seals is not read a hundred at once).
 */
export const sqliteAuditLog = (db: Database): AuditLog => {
  const select = db
    .prepare<[number, number], Row>(
      'SELECT position, event_id, stream_id, stream_version, type, data, metadata, prev_hash, hash FROM events WHERE position > ? ORDER BY position LIMIT ?',
    )
    .raw();
  const selectLinks = db
    .prepare<[number, number], [number, string, number, string, string]>(
      'SELECT position, stream_id, stream_version, type, hash FROM events WHERE position > ? ORDER BY position LIMIT ?',
    )
    .raw();
  return {
    // AUTOINCREMENT: a rolled-back commit takes its position back, and no position is given twice.
    gaplessPositions: true,
    async readStored({ after, limit, maxBytes }) {
      const batch: StoredEvent[] = [];
      let bytes = 0;
      for (const row of select.iterate(after === null ? 0 : Number(after), limit)) {
        batch.push({
          position: String(row[0]),
          eventId: row[1],
          streamId: row[2],
          streamVersion: row[3],
          type: row[4],
          dataJson: row[5],
          metadataJson: row[6],
          prevHash: row[7],
          hash: row[8],
        });
        bytes += row[5].length + row[6].length;
        if (bytes >= maxBytes) break;
      }
      return batch;
    },
    async readLinks({ after, limit }) {
      return selectLinks
        .all(after === null ? 0 : Number(after), limit)
        .map(([position, streamId, streamVersion, type, hash]): LogLink => ({ position: String(position), streamId, streamVersion, type, hash }));
    },
  };
};
