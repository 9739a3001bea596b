import { ValidateBy } from 'class-validator';
import { readDayOrInstant } from '../../../domain/shared/dates';

/** A global position: digits, at most a signed 64-bit integer (what every store gives). */
const MAX_POSITION = 2n ** 63n - 1n;
const POSITION = /^\d{1,19}$/;
export const readPosition = (value: unknown): string | null =>
  typeof value === 'string' && POSITION.test(value) && BigInt(value) <= MAX_POSITION ? BigInt(value).toString() : null;

export const IsDayOrInstant = (field: string) =>
  ValidateBy({
    name: 'isDayOrInstant',
    validator: {
      validate: (value) => readDayOrInstant(value) !== null,
      defaultMessage: () => `${field} must be a date (YYYY-MM-DD) or an ISO 8601 instant with a zone (e.g. 2025-03-01T12:00:00Z)`,
    },
  });

export const IsPosition = (field: string) =>
  ValidateBy({
    name: 'isPosition',
    validator: { validate: (value) => readPosition(value) !== null, defaultMessage: () => `${field} must be a global position (digits, e.g. 1042)` },
  });

