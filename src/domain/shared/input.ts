import { isCalendarDate } from './dates';
import { InvalidValue } from './errors';

/**
 * Checks on values that arrive in commands. The HTTP layer validates shapes
 * first; these hold the rules again so a decider is safe whoever calls it.
 */

export const requireText = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidValue(field, `${field} must not be empty`);
  return value.trim();
};

/** A real calendar day written YYYY-MM-DD (so 2025-02-30 is refused, not rolled over). */
export const requireCalendarDate = (value: unknown, field: string): string => {
  if (!isCalendarDate(value)) throw new InvalidValue(field, `${field} must be a date written YYYY-MM-DD`);
  return value;
};

export const requireIntegerBetween = (value: unknown, min: number, max: number, field: string): number => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidValue(field, `${field} must be a whole number from ${min} to ${max}`);
  }
  return value;
};

/** A list with between `min` and `max` entries. */
export const requireList = <T>(value: unknown, min: number, max: number, field: string): readonly T[] => {
  if (!Array.isArray(value) || value.length < min || value.length > max) {
    throw new InvalidValue(field, `${field} must be a list of ${min} to ${max} entries`);
  }
  return value as readonly T[];
};

/** `{ key: value }`, or `{}` when the value is absent, so optional keys never appear as `undefined`. */
export const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

/**
 * `value` without its `undefined` entries, so absent keys never appear as
 * `undefined`: a filter or a DTO instance carries what was not sent that way.
 */
export const withoutUndefined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/** Checks a value only when it was given. */
export const ifGiven = <T, R>(value: T | undefined, check: (value: T) => R): R | undefined =>
  value === undefined ? undefined : check(value);
