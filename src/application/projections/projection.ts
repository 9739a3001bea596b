import type { RecordedEvent } from '../ports/event-store.port';

/**
 * A read model kept as one JSON document per key. `evolve` is a pure fold:
 * everything it needs is in the event (STYLE.md), so it never looks anything up.
 * Returning null deletes the document.
 */
export interface DocumentProjection<Doc extends object = object> {
  readonly name: string;
  /** Bump when evolve or the document shape changes: the read model is then rebuilt at start. */
  readonly version: number;
  readonly handles: ReadonlySet<string>;
  /** Document fields that lists filter on; each gets an indexed column. */
  readonly indexed: ReadonlyArray<keyof Doc & string>;
  keyOf(event: RecordedEvent): string;
  evolve(doc: Doc | null, event: RecordedEvent): Doc | null;
}
