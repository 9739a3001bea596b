import { v5 as uuidv5 } from 'uuid';
import type { IdSource } from '../ports/ids.port';

/** Namespace of the ids derived from idempotency keys (a fixed, random UUID). */
const NAMESPACE = '3c1f9a52-5d8e-4b7a-9f0e-6b2d8c4a1e77';

/**
 * The ids one command writes. Without an idempotency key they are fresh; with
 * one they are derived from it, so a retry that reaches the store after the
 * first attempt was written (say, across a crash before the answer was kept)
 * names the same aggregate and the same event ids, and is recognised as done.
 */
export type CommandIds = Readonly<{
  /** The id of an aggregate the command creates. */
  aggregateId: () => string;
  /** The id of the i-th event the command writes. */
  eventId: (index: number) => string;
  deterministic: boolean;
}>;

export const commandIds = (source: IdSource, idempotencySeed?: string): CommandIds =>
  idempotencySeed === undefined
    ? { aggregateId: () => source.next(), eventId: () => source.next(), deterministic: false }
    : {
        aggregateId: () => uuidv5(`${idempotencySeed}\naggregate`, NAMESPACE),
        eventId: (index) => uuidv5(`${idempotencySeed}\nevent\n${index}`, NAMESPACE),
        deterministic: true,
      };
