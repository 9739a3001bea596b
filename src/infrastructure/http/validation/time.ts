import { applyDecorators } from '@nestjs/common';
import { ValidateBy } from 'class-validator';
import { Example } from './fields';

/** A global position: digits, at most a signed 64-bit integer (what every store gives). */
const MAX_POSITION = 2n ** 63n - 1n;
const POSITION = /^\d{1,19}$/;
export const readPosition = (value: unknown): string | null =>
  typeof value === 'string' && POSITION.test(value) && BigInt(value) <= MAX_POSITION ? BigInt(value).toString() : null;

/** Date and time with a zone: an instant, not a local time or a whole day (whose end would be ambiguous). */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * An ISO 8601 instant, rewritten as `toISOString` writes the events'
 * `recordedAt` (UTC, milliseconds), so the cut compares like with like.
 * Digits beyond the millisecond are dropped: recordedAt has none, so "at or
 * before" is unchanged. Impossible dates (2025-02-30) are refused, not rolled over.
 */
export const readInstant = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  const match = INSTANT.exec(value);
  if (match === null) return null;
  const [, y, mo, d, h, mi, s = '0', fraction = '', zone, sign, oh, om] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  if (hour > 23 || minute > 59 || second > 59) return null;
  if (zone !== 'Z' && (Number(oh) > 23 || Number(om) > 59)) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  date.setUTCHours(hour, minute, second, Number(fraction.padEnd(3, '0').slice(0, 3)));
  const offsetMinutes = zone === 'Z' ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  const instant = new Date(date.getTime() - offsetMinutes * 60_000).toISOString();
  // A zone shift past year 9999 or before 0000 would write a six-digit year that no longer sorts as text.
  return /^\d{4}-/.test(instant) ? instant : null;
};


/** A calendar day (its first instant, UTC) or an ISO 8601 instant with a zone, as `toISOString` writes it. */
export const readDayOrInstant = (value: unknown): string | null =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? readInstant(`${value}T00:00:00Z`) : readInstant(value);

const DAY_OR_INSTANT = 'a date (YYYY-MM-DD) or an ISO 8601 instant with a zone (e.g. 2025-03-01T12:00:00Z)';

export const IsDayOrInstant = (field: string) =>
  applyDecorators(
    ValidateBy({
      name: 'isDayOrInstant',
      validator: { validate: (value) => readDayOrInstant(value) !== null, defaultMessage: () => `${field} must be ${DAY_OR_INSTANT}` },
    }),
    Example('2025-03-01', DAY_OR_INSTANT),
  );

export const IsPosition = (field: string) =>
  applyDecorators(
    ValidateBy({
      name: 'isPosition',
      validator: { validate: (value) => readPosition(value) !== null, defaultMessage: () => `${field} must be a global position (digits, e.g. 1042)` },
    }),
    Example('1', 'a global position in the log (digits)'),
  );

