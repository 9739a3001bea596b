import { actingLibrary } from '../shared/acting';
import type { Command } from '../shared/decider';
import type { Isil } from '../shared/isil';
import { NotAnExchangeParty, NotTheCounterpart } from './exchange.errors';

type Parties = Readonly<{ proposer: Isil; counterpart: Isil }>;

export const requireCounterpart = (command: Command, exchange: Parties, action: string): Isil => {
  const library = actingLibrary(command, `${action} an exchange`);
  if (library !== exchange.counterpart) throw new NotTheCounterpart(action);
  return exchange.counterpart;
};

/** The acting party, and the other one. */
export const requireParty = (command: Command, exchange: Parties, action: string): { self: Isil; other: Isil } => {
  const library = actingLibrary(command, `${action} an exchange`);
  if (library === exchange.proposer) return { self: exchange.proposer, other: exchange.counterpart };
  if (library === exchange.counterpart) return { self: exchange.counterpart, other: exchange.proposer };
  throw new NotAnExchangeParty(action);
};
