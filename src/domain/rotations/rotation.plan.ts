import { InvalidValue } from '../shared/errors';
import { requireIntegerBetween, requireList, requireText } from '../shared/input';
import { toIsbn13, type Isbn13 } from '../shared/isbn';
import { toIsil, type Isil } from '../shared/isil';
import { DuplicateRotationItem, HostRepeatedInARow, OwnerCannotHost } from './rotation.errors';

/** One item of the travelling batch, identified by the owner's own item id (barcode, accession number). */
export type RotationItem = Readonly<{
  itemId: string;
  title: string;
  /** Normalised to ISBN-13 when given. */
  isbn?: Isbn13;
}>;
export type RotationItemInput = Readonly<{ itemId: string; title: string; isbn?: string }>;

/** One host of the itinerary and how many days it keeps the batch. */
export type RotationStop = Readonly<{ host: Isil; days: number }>;
export type RotationStopInput = Readonly<{ host: string; days: number }>;

/** One leg of the journey: owner → host 1 → … → host n → owner, so n + 1 legs. */
export type RotationLeg = Readonly<{ from: Isil; to: Isil }>;

export const MAX_ROTATION_ITEMS = 1000;
export const MAX_HOST_DAYS = 365;

export const legOf = (owner: Isil, itinerary: readonly RotationStop[], stage: number): RotationLeg => ({
  from: stage === 0 ? owner : itinerary[stage - 1].host,
  to: stage === itinerary.length ? owner : itinerary[stage].host,
});

/** The itinerary's shape: at least one stop, each an ISIL kept 1 to 365 days. */
export const parseItinerary = (stops: readonly RotationStopInput[]): RotationStop[] => {
  if (!Array.isArray(stops) || stops.length < 1) throw new InvalidValue('itinerary', 'itinerary must list at least one host');
  return stops.map((stop: RotationStopInput, index) => {
    const field = `itinerary[${index}]`;
    if (typeof stop !== 'object' || stop === null) throw new InvalidValue(field, `${field} must name a host and days`);
    const host = toIsil(stop.host, `${field}.host`);
    return { host, days: requireIntegerBetween(stop.days, 1, MAX_HOST_DAYS, `${field}.days`) };
  });
};

/** The batch leaves its owner and comes home once; a host may come round again, but not twice running. */
export const checkItinerary = (owner: Isil, itinerary: readonly RotationStop[]): void =>
  itinerary.forEach(({ host }, index) => {
    if (host === owner) throw new OwnerCannotHost(index);
    if (index > 0 && host === itinerary[index - 1].host) throw new HostRepeatedInARow(index, host);
  });

export const parseItems = (items: readonly RotationItemInput[]): RotationItem[] => {
  const seen = new Set<string>();
  return requireList<RotationItemInput>(items, 1, MAX_ROTATION_ITEMS, 'items').map((item, index) => {
    const field = `items[${index}]`;
    if (typeof item !== 'object' || item === null) throw new InvalidValue(field, `${field} must be an item with an id and a title`);
    const itemId = requireText(item.itemId, `${field}.itemId`);
    if (seen.has(itemId)) throw new DuplicateRotationItem(index, itemId);
    seen.add(itemId);
    const title = requireText(item.title, `${field}.title`);
    const { isbn } = item;
    return { itemId, title, ...(isbn === undefined ? {} : { isbn: toIsbn13(isbn, `${field}.isbn`) }) };
  });
};
