import type { Command } from '../shared/decider';
import type { HoldingItem, Isbn13 } from './holdings.events';

/** The most titles one command may carry. */
export const MAX_ITEMS_PER_COMMAND = 10_000;

/**
 * `isil` must be the actor's own library, unless the actor is a coordinator,
 * who may act for any library. A title already held is recorded again,
 * and changes nothing in the catalogue.
 */
export type RegisterHoldings = Command<'RegisterHoldings', { isil: string; items: readonly HoldingItem[] }>;
/** Same actors as RegisterHoldings; a title not held changes nothing in the catalogue. */
export type WithdrawHoldings = Command<'WithdrawHoldings', { isil: string; isbns: readonly Isbn13[] }>;

export type HoldingsCommand = RegisterHoldings | WithdrawHoldings;
