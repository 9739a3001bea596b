import { InvalidValue } from '../shared/errors';
import { requireText } from '../shared/input';
import { toIsil, type Isil } from '../shared/isil';

/** A text that may be left out, but not given blank. */
export const optionalText = (value: unknown, field: string): string | undefined =>
  value === undefined ? undefined : requireText(value, field);

/** The partners named, each once, as ISILs. */
export const isilList = (value: unknown, field: string): Isil[] => {
  if (!Array.isArray(value)) throw new InvalidValue(field, `${field} must be a list of ISILs`);
  return [...new Set(value.map((entry: string, index) => toIsil(entry, `${field}[${index}]`)))];
};
