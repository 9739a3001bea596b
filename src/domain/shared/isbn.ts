import ISBN from 'isbn3';
import { InvalidValue } from './errors';

/**
 * An International Standard Book Number in its 13-digit form (ISO 2108), digits
 * only. Every ISBN the ledger keeps is normalised to it, so one title has one
 * key whichever way a library wrote it (the claim stream is `claim-{Isbn13}`).
 */
export type Isbn13 = string & { readonly __brand: 'Isbn13' };

/**
 * Parsing, check digits and ISBN-10 to ISBN-13 conversion come from isbn3,
 * which also knows the registration ranges of the International ISBN Agency:
 * an ISBN in a range no agency has allocated is refused. The range table
 * ships with the package, so keep the dependency current.
 */
const normalise = (value: unknown): { isbn13: Isbn13 } | { problem: string } => {
  if (typeof value !== 'string' || value.length > 32) return { problem: 'must be an ISBN-10 or ISBN-13' };
  const parsed = ISBN.parse(value.trim());
  if (parsed?.isValid && parsed.isbn13) return { isbn13: parsed.isbn13 as Isbn13 };
  return { problem: 'is not a valid ISBN-10 or ISBN-13 (wrong check digit, or a range no agency has allocated), e.g. 978-0-306-40615-7' };
};

export const isIsbn = (value: unknown): boolean => 'isbn13' in normalise(value);

/** ISBN-10 or ISBN-13, with or without hyphens or spaces, as its 13 digits; refused with the field named. */
export const toIsbn13 = (value: string, field = 'isbn'): Isbn13 => {
  const result = normalise(value);
  if ('problem' in result) throw new InvalidValue(field, `${field} ${result.problem}`);
  return result.isbn13;
};
