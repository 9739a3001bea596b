import { applyDecorators } from '@nestjs/common';
import { ValidateBy } from 'class-validator';
import { readDayOrInstant } from '../../../domain/shared/dates';
import { Example } from './example';

/** A global position: digits, at most a signed 64-bit integer (what every store gives). */
const MAX_POSITION = 2n ** 63n - 1n;
const POSITION = /^\d{1,19}$/;
export const readPosition = (value: unknown): string | null =>
  typeof value === 'string' && POSITION.test(value) && BigInt(value) <= MAX_POSITION ? BigInt(value).toString() : null;

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

