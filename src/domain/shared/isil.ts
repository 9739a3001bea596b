import { InvalidValue } from './errors';

/**
 * International Standard Identifier for Libraries (ISO 15511): a prefix of one
 * to four letters or digits (a country code or another registered prefix), a
 * hyphen, and a library identifier of up to eleven characters; sixteen at most.
 * ISIL is case-insensitive, but agencies publish it in capitals: an `Isil` is
 * always upper-cased, once, where a value enters (the HTTP DTOs, `toIsil`), so
 * everything inside compares Isils with === and keys them as they are.
 */
export type Isil = string & { readonly __brand: 'Isil' };

export const ISIL_PATTERN = /^[A-Za-z0-9]{1,4}-[A-Za-z0-9:/-]{1,11}$/;
/** What is said, after the field's name, of a value that is not an ISIL. */
export const ISIL_MESSAGE = 'must be an ISIL (ISO 15511), e.g. ID-JKPNRI';

export const isIsil = (value: unknown): boolean =>
  typeof value === 'string' && value.length <= 16 && ISIL_PATTERN.test(value);

/** The one spelling the ledger keeps of an ISIL whose shape is already checked. */
export const normalIsil = (value: string): Isil => value.toUpperCase() as Isil;

export const toIsil = (value: string, field = 'isil'): Isil => {
  if (!isIsil(value)) throw new InvalidValue(field, `${field} ${ISIL_MESSAGE}`);
  return normalIsil(value);
};
