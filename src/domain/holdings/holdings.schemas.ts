import { arrayOf, day, describe, instant, isbn13, isil, object, text, count, type EventDescriptions } from '../shared/event-schema';
import type { HoldingsEvent } from './holdings.events';

const item = object({ isbn13, title: text }, { author: text, year: count, subjects: arrayOf(text), acquiredOn: day });

export const holdingsEventSchemas: EventDescriptions<HoldingsEvent['type']> = {
  HoldingsRegistered: describe('A library registered titles it holds (only those it did not hold already); feeds the union catalogue.', { isil, items: arrayOf(item), registeredAt: instant }),
  HoldingsWithdrawn: describe('A library withdrew titles it held.', { isil, isbns: arrayOf(isbn13), withdrawnAt: instant }),
};
