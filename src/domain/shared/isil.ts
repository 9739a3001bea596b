import { InvalidValue } from './errors';

/**
 * International Standard Identifier for Libraries (ISO 15511): a prefix of one
 * to four letters or digits (a country code or another registered prefix), a
 * hyphen, and a library identifier of up to eleven characters; sixteen at most.
 * Stored as given (ISIL is case-insensitive but agencies publish it in capitals),
 * compared upper-cased.
 */
export type Isil = string & { readonly __brand: 'Isil' };

export const ISIL_PATTERN = /^[A-Za-z0-9]{1,4}-[A-Za-z0-9:/-]{1,11}$/;
/** What is said, after the field's name, of a value that is not an ISIL. */
export const ISIL_MESSAGE = 'must be an ISIL (ISO 15511), e.g. ID-JKPNRI';

export const isIsil = (value: unknown): value is Isil =>
  typeof value === 'string' && value.length <= 16 && ISIL_PATTERN.test(value);

export const toIsil = (value: string, field = 'isil'): Isil => {
  if (!isIsil(value)) throw new InvalidValue(field, `${field} ${ISIL_MESSAGE}`);
  return value.toUpperCase() as Isil;
};

export const sameIsil = (a: string | undefined, b: string | undefined): boolean =>
  a !== undefined && b !== undefined && a.toUpperCase() === b.toUpperCase();
