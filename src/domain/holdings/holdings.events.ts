import type { DomainEvent } from '../shared/decider';
import type { Isil } from '../shared/isil';

/** An ISBN-13 of 13 digits, no hyphens; the application normalises ISBN-10s and hyphenated forms before they get here. */
export type Isbn13 = string;

export const ISBN13_PATTERN = /^97[89]\d{10}$/;

/** A title a library holds, as the union catalogue lists it. */
export type HoldingItem = Readonly<{
  isbn13: Isbn13;
  title: string;
  author?: string;
  year?: number;
  /** Subject headings or DDC numbers, as the library catalogues them. */
  subjects?: readonly string[];
  /** YYYY-MM-DD; feeds the list of new acquisitions. */
  acquiredOn?: string;
}>;

/**
 * The titles as the library registered them, each once. Before issue 8 only
 * titles not already held were listed; both shapes fold alike, since the
 * catalogue lists a holder once.
 */
export type HoldingsRegistered = DomainEvent<'HoldingsRegistered', {
  isil: Isil;
  items: readonly HoldingItem[];
  registeredAt: string;
}>;
/** The titles named, each once; one the library did not hold changes nothing (before issue 8 only held titles were listed). */
export type HoldingsWithdrawn = DomainEvent<'HoldingsWithdrawn', {
  isil: Isil;
  isbns: readonly Isbn13[];
  withdrawnAt: string;
}>;

export type HoldingsEvent = HoldingsRegistered | HoldingsWithdrawn;
