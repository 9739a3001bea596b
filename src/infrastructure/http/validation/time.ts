import { applyDecorators } from '@nestjs/common';
import { ValidateBy } from 'class-validator';
import type { ResumePoint } from '../../../application/subscriptions/resume-point';
import { readDayOrInstant } from '../../../domain/shared/dates';
import { Example } from './example';

/** A global position: digits, at most a signed 64-bit integer (what every store gives). */
const MAX_POSITION = 2n ** 63n - 1n;
const POSITION = /^\d{1,19}$/;
export const readPosition = (value: unknown): string | null =>
  typeof value === 'string' && POSITION.test(value) && BigInt(value) <= MAX_POSITION ? BigInt(value).toString() : null;

/** A live feed's resume point: a position, or an `id:` the feed gave (position, a dot, 16 hex digits of the event's hash). */
const RESUME_POINT = /^(\d{1,19})(?:\.([0-9a-f]{16}))?$/;
export const readResumePoint = (value: unknown): ResumePoint | null => {
  const match = typeof value === 'string' ? RESUME_POINT.exec(value) : null;
  const position = match && readPosition(match[1]);
  if (!match || position === null) return null;
  return match[2] === undefined ? { position } : { position, hashPrefix: match[2] };
};
export const RESUME_POINT_FORM = 'a global position (digits, e.g. 1042) or an id the live feed gave (e.g. 1042.9f86d081884c7d65)';

const DAY_OR_INSTANT = 'a date (YYYY-MM-DD) or an ISO 8601 instant with a zone (e.g. 2025-03-01T12:00:00Z)';

/**
 * A field valid when `read` reads it (not null), else `<field> must be <form>`;
 * documented with an example value and what it is.
 */
const readableBy = (name: string, read: (value: unknown) => unknown, form: string, example: readonly [value: string, description: string]) => (field: string) =>
  applyDecorators(
    ValidateBy({ name, validator: { validate: (value) => read(value) !== null, defaultMessage: () => `${field} must be ${form}` } }),
    Example(...example),
  );

export const IsDayOrInstant = readableBy('isDayOrInstant', readDayOrInstant, DAY_OR_INSTANT, ['2025-03-01', DAY_OR_INSTANT]);

export const IsPosition = readableBy('isPosition', readPosition, 'a global position (digits, e.g. 1042)', ['1', 'a global position in the log (digits)']);

export const IsResumePoint = readableBy('isResumePoint', readResumePoint, RESUME_POINT_FORM, ['1042.9f86d081884c7d65', RESUME_POINT_FORM]);
