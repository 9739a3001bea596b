import type { BalanceCut } from '../ports/balances.port';
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

/**
 * The one rule, for the as-of API and the CLI's replay alike: a cut is beyond
 * a log that ended at `head` at `now` when it names a later position, or an
 * instant not yet past. Null when the log holds all of it.
 */
export const beyondHead = (cut: BalanceCut, head: Position | null, now: string): BeyondHead | null =>
  ('position' in cut ? BigInt(cut.position) > BigInt(head ?? '0') : cut.instant >= now)
    ? new BeyondHead('position' in cut ? `position ${cut.position}` : cut.instant, head, now)
    : null;
