import type { Position } from '../ports/event-store.port';

/**
 * A cut the log has not reached: a position after its head, or an instant
 * not yet past. Answering it now would answer differently later, so it is
 * refused (409) with the head named, and the client asks again with a cut
 * the log holds.
 */
export class BeyondHead extends Error {
  constructor(
    readonly asked: string,
    readonly head: Position | null,
    readonly now: string,
  ) {
    super(
      `the log ends at position ${head ?? '0 (it is empty)'} and it is now ${now}: ${asked} is beyond it; ` +
        'ask for a position up to the head or an instant already past',
    );
    this.name = 'BeyondHead';
  }
}
