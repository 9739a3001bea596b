import type { AcquisitionFulfilled } from '../../domain/claims';
import type { HoldingItem, HoldingsEvent } from '../../domain/holdings';
import { dayOf } from '../../domain/shared/dates';
import { optional } from '../../domain/shared/input';
import { CATALOG_PROJECTION, type CatalogEntry } from '../cooperation/cooperation-facts';
import type { RecordedEvent } from '../ports/event-store.port';
import type { DocumentProjection } from '../projections/projection';

/** The union catalogue's document for one title (ISBN-13): who holds it, and what the first holder said of it. */
export type CatalogDocument = CatalogEntry &
  Readonly<{
    author?: string;
    year?: number;
    subjects?: readonly string[];
    /** When the title first entered the catalogue (since it was last held by nobody). */
    firstRegisteredAt: string;
    /** The latest acquisition of the title by any holder: what the new-acquisitions list goes by. */
    lastAcquiredAt: string;
  }>;

type Holder = CatalogEntry['holders'][number];
type CatalogEvent = HoldingsEvent | AcquisitionFulfilled;

const CATALOG_EVENTS: ReadonlySet<CatalogEvent['type']> = new Set(['HoldingsRegistered', 'HoldingsWithdrawn', 'AcquisitionFulfilled']);

/** The ISBN-13s one event touches: a holdings event carries up to 10,000 titles. */
const keysOf = (recorded: RecordedEvent): readonly string[] => {
  const event = recorded as unknown as CatalogEvent;
  switch (event.type) {
    case 'HoldingsRegistered': return event.data.items.map((item) => item.isbn13);
    case 'HoldingsWithdrawn': return event.data.isbns;
    case 'AcquisitionFulfilled': return [event.data.isbn];
    default: return [];
  }
};

/** Adds a holder, or updates the one already there (a library that registers a title it bought under a claim). */
const withHolder = (holders: readonly Holder[], holder: Holder): Holder[] => {
  const existing = holders.find((h) => h.isil === holder.isil);
  if (existing === undefined) return [...holders, holder];
  const acquiredOn = holder.acquiredOn ?? existing.acquiredOn;
  return holders.map((h) => (h === existing ? { isil: existing.isil, ...optional('acquiredOn', acquiredOn), registeredAt: existing.registeredAt } : h));
};

/**
 * What the first library said of the title stays; what it left out, a later
 * one may fill in.
 */
const described = (
  doc: CatalogDocument | null,
  isbn: string,
  item: Partial<HoldingItem>,
  at: string,
): Omit<CatalogDocument, 'holders' | 'lastAcquiredAt'> => ({
  isbn,
  title: doc !== null && doc.title !== isbn ? doc.title : (item.title ?? doc?.title ?? isbn),
  ...optional('author', doc?.author ?? item.author),
  ...optional('year', doc?.year ?? item.year),
  ...optional('subjects', doc?.subjects ?? item.subjects),
  firstRegisteredAt: doc?.firstRegisteredAt ?? at,
});

/** An event's titles by ISBN, built once per event rather than searched once per title. */
const indexed = new WeakMap<RecordedEvent, ReadonlyMap<string, HoldingItem>>();
const itemsOf = (recorded: RecordedEvent, items: readonly HoldingItem[]): ReadonlyMap<string, HoldingItem> => {
  let byIsbn = indexed.get(recorded);
  if (byIsbn === undefined) {
    byIsbn = new Map(items.map((item) => [item.isbn13, item]));
    indexed.set(recorded, byIsbn);
  }
  return byIsbn;
};

const register = (doc: CatalogDocument | null, isbn: string, holder: Holder, item: Partial<HoldingItem>): CatalogDocument => {
  const holders = withHolder(doc?.holders ?? [], holder);
  return { ...described(doc, isbn, item, holder.registeredAt), holders, lastAcquiredAt: latest(holders) };
};

const latest = (holders: readonly Holder[]): string => holders.reduce((max, h) => (h.registeredAt > max ? h.registeredAt : max), '');

const evolve = (doc: CatalogDocument | null, recorded: RecordedEvent, isbn: string): CatalogDocument | null => {
  const event = recorded as unknown as CatalogEvent;
  switch (event.type) {
    case 'HoldingsRegistered': {
      const { isil, items, registeredAt } = event.data;
      const item = itemsOf(recorded, items).get(isbn);
      if (item === undefined) return doc;
      return register(doc, isbn, { isil, ...optional('acquiredOn', item.acquiredOn), registeredAt }, item);
    }
    case 'HoldingsWithdrawn': {
      if (doc === null) return doc;
      const holders = doc.holders.filter((holder) => holder.isil !== event.data.isil);
      return holders.length === 0 ? null : { ...doc, holders, lastAcquiredAt: latest(holders) };
    }
    case 'AcquisitionFulfilled': {
      const { claimant, title, fulfilledAt } = event.data;
      return register(doc, isbn, { isil: claimant, acquiredOn: dayOf(new Date(fulfilledAt)), registeredAt: fulfilledAt }, { title });
    }
    default:
      return doc;
  }
};

/**
 * The union catalogue: one document per title (ISBN-13) while at least one
 * partner holds it. Registered holdings add holders, withdrawn ones remove
 * them, and a fulfilled acquisition claim makes the claimant a holder.
 */
export const catalogProjection: DocumentProjection<CatalogDocument> = {
  name: CATALOG_PROJECTION,
  // 3: the titles' word index (searched), for which a store may keep the documents in another shape.
  version: 3,
  handles: CATALOG_EVENTS,
  // title: word search; lastAcquiredAt: the new-acquisitions list.
  indexed: ['title', 'lastAcquiredAt'],
  searched: 'title',
  keyOf: (event) => keysOf(event)[0],
  keysOf,
  evolve,
};
