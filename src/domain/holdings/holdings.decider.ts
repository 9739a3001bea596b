import { requireCoordinatorOrLibrarianOf } from '../shared/acting';
import type { Decider } from '../shared/decider';
import { InvalidValue } from '../shared/errors';
import { dayOf } from '../shared/dates';
import { ifGiven, optional, requireCalendarDate, requireIntegerBetween, requireList, requireText } from '../shared/input';
import { toIsil, type Isil } from '../shared/isil';
import { MAX_ITEMS_PER_COMMAND, type HoldingsCommand, type RegisterHoldings, type WithdrawHoldings } from './holdings.commands';
import { HoldingsOfAnotherLibrary } from './holdings.errors';
import { ISBN13_PATTERN, type HoldingItem, type HoldingsEvent, type Isbn13 } from './holdings.events';

/** The most subjects one title may carry. */
export const MAX_SUBJECTS_PER_ITEM = 100;

export type NoHoldings = Readonly<{ status: 'none' }>;

/**
 * What the decider keeps of a library's holdings: whose they are, not which
 * titles. Whether a title is held already is the union catalogue's question
 * (a holder is listed once however often it registers the title), so no rule
 * needs the titles, and a command never reads the stream (`readsHistory:
 * false`): its cost does not grow with what the library already holds.
 */
export type LibraryHoldings = Readonly<{ status: 'listed'; isil: Isil }>;

export type Holdings = NoHoldings | LibraryHoldings;

export const initialState = (): Holdings => ({ status: 'none' });

// ---- evolve -------------------------------------------------------------

/** Folds events of any age: those written when the stream was read whole carry the same data. */
export const evolve = (state: Holdings, event: HoldingsEvent): Holdings =>
  state.status === 'none' && event.type === 'HoldingsRegistered' ? { status: 'listed', isil: event.data.isil } : state;

// ---- input --------------------------------------------------------------

const isbnOf = (value: unknown, field: string): Isbn13 => {
  if (typeof value !== 'string' || !ISBN13_PATTERN.test(value)) {
    throw new InvalidValue(field, `${field} must be an ISBN-13 of 13 digits starting 978 or 979`);
  }
  return value;
};

const itemOf = (item: HoldingItem, index: number, now: Date): HoldingItem => {
  const field = `items[${index}]`;
  if (typeof item !== 'object' || item === null) throw new InvalidValue(field, `${field} must describe a title`);
  const today = dayOf(now);
  const acquiredOn = ifGiven(item.acquiredOn, (day) => requireCalendarDate(day, `${field}.acquiredOn`));
  if (acquiredOn !== undefined && acquiredOn > today) {
    throw new InvalidValue(`${field}.acquiredOn`, `${field}.acquiredOn cannot be after today (${today})`);
  }
  return {
    isbn13: isbnOf(item.isbn13, `${field}.isbn13`),
    title: requireText(item.title, `${field}.title`),
    ...optional('author', ifGiven(item.author, (author) => requireText(author, `${field}.author`))),
    ...optional('year', ifGiven(item.year, (year) => requireIntegerBetween(year, 1, now.getUTCFullYear() + 1, `${field}.year`))),
    ...optional('subjects', ifGiven(item.subjects, (subjects) =>
      requireList<string>(subjects, 0, MAX_SUBJECTS_PER_ITEM, `${field}.subjects`)
        .map((subject, at) => requireText(subject, `${field}.subjects[${at}]`)))),
    ...optional('acquiredOn', acquiredOn),
  };
};

// ---- decide -------------------------------------------------------------

const at = (command: HoldingsCommand): string => command.metadata.now.toISOString();

/** The library acted for, once the actor may act for it and the stream is its own. */
const libraryOf = (command: HoldingsCommand, state: Holdings, action: string): Isil => {
  const isil = toIsil(command.data.isil, 'isil');
  requireCoordinatorOrLibrarianOf(command, isil, action);
  if (state.status === 'listed' && state.isil !== isil) throw new HoldingsOfAnotherLibrary(state.isil, isil);
  return isil;
};

const register = (command: RegisterHoldings, state: Holdings): HoldingsEvent[] => {
  const isil = libraryOf(command, state, 'register its holdings');
  const items = requireList<HoldingItem>(command.data.items, 1, MAX_ITEMS_PER_COMMAND, 'items')
    .map((item, index) => itemOf(item, index, command.metadata.now));
  // A title named twice in one command is taken once, as first given.
  const seen = new Set<Isbn13>();
  const named = items.filter((item) => !seen.has(item.isbn13) && seen.add(item.isbn13));
  return [{ type: 'HoldingsRegistered', data: { isil, items: named, registeredAt: at(command) } }];
};

const withdraw = (command: WithdrawHoldings, state: Holdings): HoldingsEvent[] => {
  const isil = libraryOf(command, state, 'withdraw its holdings');
  const isbns = requireList<Isbn13>(command.data.isbns, 1, MAX_ITEMS_PER_COMMAND, 'isbns')
    .map((isbn, index) => isbnOf(isbn, `isbns[${index}]`));
  return [{ type: 'HoldingsWithdrawn', data: { isil, isbns: [...new Set(isbns)], withdrawnAt: at(command) } }];
};

export const decide = (command: HoldingsCommand, state: Holdings): HoldingsEvent[] => {
  switch (command.type) {
    case 'RegisterHoldings': return register(command, state);
    case 'WithdrawHoldings': return withdraw(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown holdings command ${(unknown as { type: string }).type}`);
    }
  }
};

export const holdingsDecider: Decider<Holdings, HoldingsCommand, HoldingsEvent> = { decide, evolve, initialState, readsHistory: false };
