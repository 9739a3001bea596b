import type { Database } from 'better-sqlite3';

/**
 * The baseline every read is measured against: the least a reader must do
 * for the same result — the same batched SELECT of the events table, rows as
 * arrays, both JSON columns parsed. Returns the rows read.
 */
export const readRawLog = (db: Database, batchSize: number): number => {
  const select = db
    .prepare<[number, number], unknown[]>(
      'SELECT position, event_id, stream_id, stream_version, type, data, metadata, prev_hash, hash FROM events WHERE position > ? ORDER BY position LIMIT ?',
    )
    .raw();
  let rows = 0;
  let keys = 0;
  for (let after = 0; ; ) {
    const batch = select.all(after, batchSize);
    if (batch.length === 0) break;
    for (const row of batch) {
      keys += Object.keys(JSON.parse(row[5] as string) as object).length + Object.keys(JSON.parse(row[6] as string) as object).length;
    }
    rows += batch.length;
    after = batch[batch.length - 1][0] as number;
  }
  // Using what was parsed keeps the parse from being optimised away.
  return keys > 0 ? rows : 0;
};
