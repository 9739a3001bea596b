import { beyondHead, type BeyondHead } from '../ledger/beyond-head';
import type { EventStore, Position, RecordedEvent } from '../ports/event-store.port';

/** Hex digits of an event's hash that a live feed's `id:` carries after its position (64 bits). */
export const RESUME_HASH_DIGITS = 16;

/**
 * Where a follower of the log resumes: after `position`, and, when it names
 * it, only if the event there is the one it saw (its hash starts with
 * `hashPrefix`). A position alone cannot tell a log restored from an older
 * backup, which gives the positions after the backup's head to new events,
 * nor another ledger's log: once either holds the position, a follower that
 * resumed there would leave out, without a word, every event it never saw.
 */
export type ResumePoint = Readonly<{ position: Position; hashPrefix?: string }>;

/** The id a live feed gives an event: its position, a dot, and the start of its hash (`1042.9f86d081884c7d65`). */
export const resumeIdOf = (event: Pick<RecordedEvent, 'position' | 'hash'>): string => `${event.position}.${event.hash.slice(0, RESUME_HASH_DIGITS)}`;

/** A resume point whose position this log holds, but not the event the follower saw there. */
export class NotInThisLog extends Error {
  constructor(
    readonly asked: ResumePoint,
    readonly head: Position | null,
  ) {
    super(
      `the event at position ${asked.position} of this log is not the one whose hash starts ${asked.hashPrefix}: ` +
        'the ledger was restored from an older backup, or the id comes from another ledger; ' +
        `events may have been recorded that the follower never received. Resume from a position the follower knows this log holds, or from the head (${head ?? 'the log is empty'})`,
    );
    this.name = 'NotInThisLog';
  }
}

/**
 * Why a follower cannot resume from `point` in this log, whose head is
 * `head`, without leaving events out unsaid: a position past the head
 * (BeyondHead), or an id whose position holds another event (NotInThisLog);
 * null when it can.
 */
export const resumeRefusal = async (store: EventStore, point: ResumePoint, head: Position | null, now: string): Promise<BeyondHead | NotInThisLog | null> =>
  beyondHead(point, head, now) ?? (await notInThisLog(store, point, head));

/** Null when the log holds the event the resume point names (or it names a position alone), a position at most the head. */
const notInThisLog = async (store: EventStore, point: ResumePoint, head: Position | null): Promise<NotInThisLog | null> => {
  if (point.hashPrefix === undefined) return null;
  const position = BigInt(point.position);
  const [event] = position < 1n ? [] : await store.readAll({ after: (position - 1n).toString(), limit: 1 });
  return event !== undefined && event.position === point.position && event.hash.startsWith(point.hashPrefix) ? null : new NotInThisLog(point, head);
};
