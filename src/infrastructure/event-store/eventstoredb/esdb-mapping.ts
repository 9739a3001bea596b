import { ANY, NO_STREAM, STREAM_EXISTS, WrongExpectedVersionError, type AppendExpectedRevision } from '@eventstore/db-client';
import { ConcurrencyError, type ExpectedVersion, type Position } from '../../../application/ports/event-store.port';

/** Where an event sits in EventStoreDB's $all: the commit position of its write, and its own (prepare) position. */
export type EsdbPosition = Readonly<{ commit: bigint; prepare: bigint }>;

/** Positions must fit the 64-bit signed integers the read models keep them in. */
const MAX_POSITION = 2n ** 63n - 1n;

/**
 * The port's opaque position for an $all position: its prepare position, the
 * event's own offset in the transaction file. It is unique per event and fits
 * a 64-bit integer, and the ledger's appends are never interleaved in the
 * file, so its order is $all's order. EventStoreDB keeps commit >= prepare, so
 * a read from (p, p) starts at or before every event after p: the events of
 * later writes, and the rest of p's own write, whose commit is at or after p.
 */
export const encodePosition = ({ commit, prepare }: EsdbPosition): Position => {
  if (prepare < 0n || prepare > MAX_POSITION || commit < prepare) {
    throw new RangeError(`an $all position has 0 <= prepare <= commit and prepare < 2^63, got ${commit}/${prepare}`);
  }
  return prepare.toString();
};

/** Where to read $all from to get what follows `position` (and perhaps some of what precedes it, which readers skip). */
export const decodePosition = (position: Position): EsdbPosition => {
  if (typeof position !== 'string' || !/^\d+$/.test(position)) throw new RangeError(`a position is a decimal string, got ${String(position)}`);
  const value = BigInt(position);
  if (value > MAX_POSITION) throw new RangeError(`position ${position} is beyond any $all position`);
  return { commit: value, prepare: value };
};

/** Port versions count events from 1; EventStoreDB revisions count from 0. */
export const versionOfRevision = (revision: bigint): number => Number(revision) + 1;
export const revisionOfVersion = (version: number): bigint => BigInt(version - 1);

/** The port's expected version in EventStoreDB's terms. */
export const toExpectedRevision = (expected: ExpectedVersion): AppendExpectedRevision => {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      return revisionOfVersion(expected);
  }
};

/** The stream's version as EventStoreDB reported it with a refusal: 0 when it has no events. */
export const actualVersionOf = (error: WrongExpectedVersionError): number =>
  typeof error.actualVersion === 'bigint' ? versionOfRevision(error.actualVersion) : 0;

/** EventStoreDB's refusal as the port's: any other error passes through unchanged. */
export const toPortError = (error: unknown, streamId: string, expected: ExpectedVersion): unknown =>
  error instanceof WrongExpectedVersionError ? new ConcurrencyError(streamId, expected, actualVersionOf(error)) : error;

/** System streams and events ($-prefixed) are EventStoreDB's own, never the ledger's. */
export const isSystemEvent = (event: Readonly<{ streamId: string; type: string }>): boolean =>
  event.streamId.startsWith('$') || event.type.startsWith('$');
