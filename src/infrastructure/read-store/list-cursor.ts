import { InvalidCursor } from '../../application/ports/read-store.port';

/**
 * A list's cursor, the same on every read store: the (seq, id) of the last
 * document of a page, as base64url JSON. Anything else is refused as a
 * cursor this service never gave out.
 */
export const encodeCursor = (seq: number, id: string): string => Buffer.from(JSON.stringify([seq, id])).toString('base64url');

export const decodeCursor = (cursor: string): [number, string] => {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && Number.isSafeInteger(value[0]) && typeof value[1] === 'string') return [value[0], value[1]];
  } catch {
    // falls through to the same answer as a well-formed but foreign cursor
  }
  throw new InvalidCursor();
};

/**
 * The text kept in a document's indexed column for one field (null when the
 * field is absent), without NUL characters: PostgreSQL's text holds none, and
 * SQLite's LIKE and word index stop reading at one. So an event written with
 * one (a title, before the HTTP layer refused them) neither stops a read model
 * nor hides the rest of its text from a search. The document keeps it.
 */
export const indexValue = (doc: object, field: string): string | null => {
  const value = (doc as Record<string, unknown>)[field];
  return value === undefined || value === null ? null : String(value).replaceAll('\0', '');
};
