import type { Command } from '../shared/decider';
import type { HoldingItem, Isbn13 } from './holdings.events';

/** The most titles one command may carry. */
export const MAX_ITEMS_PER_COMMAND = 10_000;

/**
 * `isil` must be the actor's own library, unless the actor is a coordinator,
 * who may act for any library. Titles already held are passed over.
 */
export type RegisterHoldings = Command<'RegisterHoldings', { isil: string; items: readonly HoldingItem[] }>;
/** Same actors as RegisterHoldings; titles not held are passed over. */
export type WithdrawHoldings = Command<'WithdrawHoldings', { isil: string; isbns: readonly Isbn13[] }>;

export type HoldingsCommand = RegisterHoldings | WithdrawHoldings;
