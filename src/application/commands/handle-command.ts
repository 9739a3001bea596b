import { performance } from 'node:perf_hooks';
import { decideInTurn, type Command, type Decider, type DomainEvent } from '../../domain/shared/decider';
import { ConcurrencyError, type EventStore, type NewEvent, type RecordedEvent } from '../ports/event-store.port';
import type { Clock } from '../ports/clock.port';
import type { IdSource } from '../ports/ids.port';
import { commandOutcomeOf, secondsSince, type LedgerMetrics } from '../operations/ledger-metrics';
import { CORRELATION_ID, inSpan, rememberAppend } from '../operations/tracing';
import type { CommandContext, CommandResult } from './command-context';
import { commandIds, type CommandIds } from './command-ids';
import { StreamLanes } from './stream-lanes';

export type CommandDeps = Readonly<{ store: EventStore; clock: Clock; ids: IdSource; metrics?: LedgerMetrics }>;

export type CommandOptions = Readonly<{
  /**
   * The stream is named by an id the command minted (commandIds' aggregateId).
   * Without an Idempotency-Key that id is fresh, so nothing can be in the
   * stream yet: it is not read, and the append expects no stream. With one
   * the id is derived from the key and a retry finds its first answer there,
   * so the stream is read as always.
   */
  opensMintedStream?: boolean;
  /**
   * What must be granted elsewhere before the command's events are written,
   * such as a uniqueness claim on a stream of its own: run once the command
   * is decided, before its append, on every attempt (so it must take a second
   * run for the same command as done). When it throws, nothing is written.
   */
  beforeWriting?: () => Promise<void>;
}>;

/**
 * Within a process commands for one stream queue (lanes), so a conflict
 * means another process appended: rare, and short-lived. After this many the
 * caller is told (409).
 */
export const MAX_CONFLICT_RETRIES = 8;
/** The first retry waits up to this long; each next one up to twice as long (full jitter). */
export const CONFLICT_BACKOFF_MS = 5;

const lanesOf = new WeakMap<EventStore, StreamLanes>();
const lanesFor = (store: EventStore): StreamLanes => {
  let lanes = lanesOf.get(store);
  if (lanes === undefined) lanesOf.set(store, (lanes = new StreamLanes()));
  return lanes;
};

/** Full jitter: two processes that collided do not collide again in step. */
const backOff = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * CONFLICT_BACKOFF_MS * 2 ** attempt));

/** One command, or several of one stream that stand or fall together. */
const listOf = <C extends Command>(made: C | readonly C[]): readonly C[] => (Array.isArray(made) ? made : [made]) as readonly C[];

/**
 * The one command-handling loop: read the stream, fold it, decide, append
 * with the version that was read. Commands for one stream run one after
 * another in this process; an append from elsewhere makes the append fail,
 * and the command is decided again on the new state after a jittered wait, a
 * bounded number of times. Several commands given at once are decided in
 * turn, each on the state the ones before leave, and their events written in
 * one append: all of them, or none when one is refused.
 */
export const handleCommand = <S, C extends Command, E extends DomainEvent>(
  deps: CommandDeps,
  streamId: string,
  decider: Decider<S, C, E>,
  makeCommand: (now: Date) => C | readonly C[],
  context: CommandContext,
  options: CommandOptions = {},
): Promise<CommandResult> => {
  const start = performance.now();
  let type = 'unknown';
  return inSpan('command', { [CORRELATION_ID]: context.correlationId, 'ledger.stream_id': streamId }, async (span) => {
    const typed = (now: Date) => {
      const commands = listOf(makeCommand(now));
      type = commands.map((command) => command.type).join('+');
      span.updateName(`command ${type}`).setAttribute('ledger.command.type', type);
      return commands;
    };
    try {
      const result = await decideAndAppend(deps, streamId, decider, typed, context, options);
      deps.metrics?.commandHandled(type, 'accepted', secondsSince(start));
      return result;
    } catch (error) {
      deps.metrics?.commandHandled(type, commandOutcomeOf(error), secondsSince(start));
      throw error;
    }
  });
};

const decideAndAppend = <S, C extends Command, E extends DomainEvent>(
  deps: CommandDeps,
  streamId: string,
  decider: Decider<S, C, E>,
  makeCommands: (now: Date) => readonly C[],
  context: CommandContext,
  options: CommandOptions,
): Promise<CommandResult> => lanesFor(deps.store).run(streamId, async () => {
  const ids = commandIds(deps.ids, context.idempotencySeed);
  for (let attempt = 0; ; attempt++) {
    // A stream this command just named has no past: one read fewer of the four POST /v1/services
    // made (reading streams was 5.8% of its profile). Should the append conflict, the retry reads it.
    const fresh = options.opensMintedStream === true && !ids.deterministic && attempt === 0;
    // Without history the store's idempotence by event id answers a retried command.
    const history = decider.readsHistory === false || fresh ? [] : await deps.store.readStream(streamId);
    const version = history.length === 0 ? 0 : history[history.length - 1].streamVersion;
    const done = ids.deterministic ? alreadyWritten(streamId, history, ids) : null;
    if (done) return done;
    const state = history.reduce((s, e) => decider.evolve(s, e as unknown as E), decider.initialState());
    const now = deps.clock.now();
    const decided = decideInTurn(decider, makeCommands(now), state);
    if (options.beforeWriting) await options.beforeWriting();
    if (decided.length === 0) return { streamId, streamVersion: version, position: null, events: [] };

    const events: NewEvent[] = decided.map((event, index) => ({
      eventId: ids.eventId(index),
      type: event.type,
      data: event.data,
      metadata: {
        actor: context.actor,
        correlationId: context.correlationId,
        causationId: context.causationId,
        ...(context.iso18626 === undefined ? {} : { iso18626: context.iso18626 }),
      },
    }));
    try {
      const expected = decider.readsHistory === false ? 'any' : version === 0 ? 'no_stream' : version;
      const written = await inSpan('event-store append', { 'ledger.stream_id': streamId, 'ledger.events': events.length }, async (span) => {
        rememberAppend(span, events.map((event) => event.eventId));
        return deps.store.append(streamId, events, expected);
      });
      return { ...written, streamId, events: events.map(({ eventId, type }) => ({ eventId, type })) };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= MAX_CONFLICT_RETRIES) throw error;
    }
    await backOff(attempt);
  }
});

/** The answer a command gave the first time, when the events it derives its ids for are already in the stream. */
const alreadyWritten = (streamId: string, history: readonly RecordedEvent[], ids: CommandIds): CommandResult | null => {
  const first = history.findIndex((event) => event.eventId === ids.eventId(0));
  if (first < 0) return null;
  const written: RecordedEvent[] = [];
  for (let i = first; i < history.length && history[i].eventId === ids.eventId(i - first); i++) written.push(history[i]);
  const last = written[written.length - 1];
  return {
    streamId,
    streamVersion: last.streamVersion,
    position: last.position,
    events: written.map(({ eventId, type }) => ({ eventId, type })),
  };
};
