import type { Command } from '../shared/decider';
import { InvalidValue } from '../shared/errors';
import { sameIsil, toIsil, type Isil } from '../shared/isil';
import { NoActingLibrary, NotAParty, NotTheBorrower, NotTheLender } from './loan.errors';

type Parties = Readonly<{ lender: Isil; borrower: Isil }>;

/** The library a command is recorded for: the one the key is bound to, never one named in the data. */
export const actingLibrary = (command: Command): Isil => {
  const library = command.metadata.actor.library;
  if (library === undefined || library.trim() === '') throw new NoActingLibrary();
  return toIsil(library, 'actor.library');
};

export const requireLender = (command: Command, loan: Parties, action: string): Isil => {
  const library = actingLibrary(command);
  if (!sameIsil(library, loan.lender)) throw new NotTheLender(action);
  return library;
};

export const requireBorrower = (command: Command, loan: Parties, action: string): Isil => {
  const library = actingLibrary(command);
  if (!sameIsil(library, loan.borrower)) throw new NotTheBorrower(action);
  return library;
};

export const requireParty = (command: Command, loan: Parties, action: string): Isil => {
  const library = actingLibrary(command);
  if (!sameIsil(library, loan.lender) && !sameIsil(library, loan.borrower)) throw new NotAParty(action);
  return library;
};

export const requireText = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidValue(field, `${field} must not be empty`);
  return value;
};

/** A real calendar day written YYYY-MM-DD (so 2025-02-30 is refused, not rolled over). */
export const requireCalendarDate = (value: string, field: string): string => {
  const valid =
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
    new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
  if (!valid) throw new InvalidValue(field, `${field} must be a date written YYYY-MM-DD`);
  return value;
};

/** The UTC calendar day of an instant, comparable as a string with YYYY-MM-DD dates. */
export const dayOf = (now: Date): string => now.toISOString().slice(0, 10);
