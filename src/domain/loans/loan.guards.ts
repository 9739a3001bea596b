import { actingLibrary as actingLibraryFor } from '../shared/acting';
import type { Command } from '../shared/decider';
import { InvalidValue } from '../shared/errors';
import type { Isil } from '../shared/isil';
import { NotAParty, NotTheBorrower, NotTheLender } from './loan.errors';

type Parties = Readonly<{ lender: Isil; borrower: Isil }>;

/** The library a command is recorded for: the one the key is bound to, never one named in the data. */
export const actingLibrary = (command: Command): Isil => actingLibraryFor(command, 'act on a loan');

export const requireLender = (command: Command, loan: Parties, action: string): Isil => {
  const library = actingLibrary(command);
  if (library !== loan.lender) throw new NotTheLender(action);
  return library;
};

export const requireBorrower = (command: Command, loan: Parties, action: string): Isil => {
  const library = actingLibrary(command);
  if (library !== loan.borrower) throw new NotTheBorrower(action);
  return library;
};

export const requireParty = (command: Command, loan: Parties, action: string): Isil => {
  const library = actingLibrary(command);
  if (library !== loan.lender && library !== loan.borrower) throw new NotAParty(action);
  return library;
};

/** Unlike the shared requireText, keeps the text as written, untrimmed: loan events have always recorded it so. */
export const requireText = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidValue(field, `${field} must not be empty`);
  return value;
};
