import type { Principal } from '../access/access.service';
import type { RenderedEvent } from './cloud-events';

/** What a subscriber asked for; an empty list means "any". */
export type EventFilter = Readonly<{
  types: readonly string[];
  categories: readonly string[];
  /** ISILs, upper-cased: events that involve at least one of them. */
  partners: readonly string[];
}>;

export const ANY_EVENT: EventFilter = { types: [], categories: [], partners: [] };

/** Who is watching: a librarian sees only the events that involve its own library, every other role sees all. */
export type Viewer = Pick<Principal, 'role' | 'library'>;

const allows = (wanted: readonly string[], value: string) => wanted.length === 0 || wanted.includes(value);

export const visibleTo = (viewer: Viewer, rendered: RenderedEvent): boolean =>
  viewer.role !== 'librarian' || (viewer.library !== undefined && rendered.isils.includes(viewer.library.toUpperCase()));

export const matches = (filter: EventFilter, viewer: Viewer) => (rendered: RenderedEvent): boolean =>
  visibleTo(viewer, rendered) &&
  allows(filter.types, rendered.event.type) &&
  allows(filter.categories, rendered.category) &&
  (filter.partners.length === 0 || filter.partners.some((isil) => rendered.isils.includes(isil)));
