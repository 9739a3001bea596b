import { ANY, NO_STREAM, STREAM_EXISTS, WrongExpectedVersionError } from '@eventstore/db-client';
import fc from 'fast-check';
import { ConcurrencyError } from '../../../src/application/ports/event-store.port';
import {
  decodePosition,
  encodePosition,
  isSystemEvent,
  revisionOfVersion,
  toExpectedRevision,
  toPortError,
  versionOfRevision,
} from '../../../src/infrastructure/event-store/eventstoredb/esdb-mapping';

const MAX = 2n ** 63n - 1n;
const offset = fc.bigInt({ min: 0n, max: MAX - 2n ** 32n });

/** Writes laid out as EventStoreDB lays them: each write's prepare records, then its commit record. */
const transactionFile = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 30 }).chain((sizes) =>
  offset.map((start) => {
    let at = start;
    return sizes.flatMap((size) => {
      const prepares = Array.from({ length: size }, () => (at += 37n));
      const commit = (at += 11n);
      return prepares.map((prepare) => ({ commit, prepare }));
    });
  }),
);

const allOrder = (a: { commit: bigint; prepare: bigint }, b: { commit: bigint; prepare: bigint }) =>
  a.commit !== b.commit ? (a.commit < b.commit ? -1 : 1) : a.prepare < b.prepare ? -1 : a.prepare > b.prepare ? 1 : 0;

describe("EventStoreDB positions as the port's opaque positions", () => {
  it("orders the events of a transaction file as $all does", () =>
    fc.assert(
      fc.property(transactionFile, (events) => {
        const byAll = [...events].sort(allOrder).map(encodePosition);
        expect(byAll).toEqual([...byAll].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)));
        expect(new Set(byAll).size).toBe(events.length);
      }),
    ));

  it('reads from a position that starts at or before every event after it, so nothing after it is missed', () =>
    fc.assert(
      fc.property(transactionFile, fc.nat(), (events, pick) => {
        const chosen = events[pick % events.length];
        const from = decodePosition(encodePosition(chosen));
        const later = events.filter((e) => BigInt(encodePosition(e)) > BigInt(encodePosition(chosen)));
        later.forEach((e) => expect(allOrder(e, from)).toBeGreaterThanOrEqual(0));
      }),
    ));

  it('is a plain decimal string that fits a signed 64-bit integer', () => {
    expect(encodePosition({ commit: 90n, prepare: 42n })).toBe('42');
    expect(encodePosition({ commit: MAX, prepare: MAX })).toBe(MAX.toString());
  });

  it('refuses what no $all position can be', () => {
    expect(() => decodePosition('-1')).toThrow(RangeError);
    expect(() => decodePosition('1e5')).toThrow(RangeError);
    expect(() => decodePosition((MAX + 1n).toString())).toThrow(RangeError);
    expect(() => encodePosition({ commit: 4n, prepare: 5n })).toThrow(RangeError);
    expect(() => encodePosition({ commit: MAX + 1n, prepare: MAX + 1n })).toThrow(RangeError);
  });
});

describe('versions and revisions', () => {
  it('counts versions from 1 and revisions from 0', () => {
    expect(versionOfRevision(0n)).toBe(1);
    expect(revisionOfVersion(1)).toBe(0n);
    fc.assert(fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (v) => expect(versionOfRevision(revisionOfVersion(v))).toBe(v)));
  });

  it.each([
    ['no_stream', NO_STREAM],
    ['stream_exists', STREAM_EXISTS],
    ['any', ANY],
    [1, 0n],
    [42, 41n],
  ] as const)('maps the expected version %p to %p', (expected, revision) => expect(toExpectedRevision(expected)).toBe(revision));
});

describe('refusals', () => {
  const refusal = (current: bigint | typeof NO_STREAM) =>
    new WrongExpectedVersionError(undefined, { streamName: 'loan-1', expected: 3n, current });

  it('turns a wrong expected version into the port\'s ConcurrencyError with the actual version', () => {
    const error = toPortError(refusal(6n), 'loan-1', 4);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ streamId: 'loan-1', expected: 4, actual: 7 });
  });

  it('names version 0 for a stream that has no events', () =>
    expect(toPortError(refusal(NO_STREAM), 'loan-1', 'stream_exists')).toMatchObject({ actual: 0 }));

  it('passes any other error through', () => {
    const other = new Error('unavailable');
    expect(toPortError(other, 'loan-1', 1)).toBe(other);
  });

  it('tells EventStoreDB\'s own events from the ledger\'s', () => {
    expect(isSystemEvent({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' })).toBe(true);
    expect(isSystemEvent({ streamId: 'loan-1', type: '$metadata' })).toBe(true);
    expect(isSystemEvent({ streamId: 'loan-1', type: 'LoanShipped' })).toBe(false);
  });
});
