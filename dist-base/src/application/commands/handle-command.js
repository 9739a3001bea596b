"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.handleCommand = exports.CONFLICT_BACKOFF_MS = exports.MAX_CONFLICT_RETRIES = void 0;
const node_perf_hooks_1 = require("node:perf_hooks");
const event_store_port_1 = require("../ports/event-store.port");
const ledger_metrics_1 = require("../operations/ledger-metrics");
const tracing_1 = require("../operations/tracing");
const command_ids_1 = require("./command-ids");
const stream_lanes_1 = require("./stream-lanes");
/**
 * Within a process commands for one stream queue (lanes), so a conflict
 * means another process appended: rare, and short-lived. After this many the
 * caller is told (409).
 */
exports.MAX_CONFLICT_RETRIES = 8;
/** The first retry waits up to this long; each next one up to twice as long (full jitter). */
exports.CONFLICT_BACKOFF_MS = 5;
const lanesOf = new WeakMap();
const lanesFor = (store) => {
    let lanes = lanesOf.get(store);
    if (lanes === undefined)
        lanesOf.set(store, (lanes = new stream_lanes_1.StreamLanes()));
    return lanes;
};
/** Full jitter: two processes that collided do not collide again in step. */
const backOff = (attempt) => new Promise((resolve) => setTimeout(resolve, Math.random() * exports.CONFLICT_BACKOFF_MS * 2 ** attempt));
/**
 * The one command-handling loop: read the stream, fold it, decide, append
 * with the version that was read. Commands for one stream run one after
 * another in this process; an append from elsewhere makes the append fail,
 * and the command is decided again on the new state after a jittered wait, a
 * bounded number of times.
 */
const handleCommand = (deps, streamId, decider, makeCommand, context, options = {}) => {
    const start = node_perf_hooks_1.performance.now();
    let type = 'unknown';
    return (0, tracing_1.inSpan)('command', { [tracing_1.CORRELATION_ID]: context.correlationId, 'ledger.stream_id': streamId }, async (span) => {
        const typed = (now) => {
            const command = makeCommand(now);
            type = command.type;
            span.updateName(`command ${type}`).setAttribute('ledger.command.type', type);
            return command;
        };
        try {
            const result = await decideAndAppend(deps, streamId, decider, typed, context, options);
            deps.metrics?.commandHandled(type, 'accepted', (0, ledger_metrics_1.secondsSince)(start));
            return result;
        }
        catch (error) {
            deps.metrics?.commandHandled(type, (0, ledger_metrics_1.commandOutcomeOf)(error), (0, ledger_metrics_1.secondsSince)(start));
            throw error;
        }
    });
};
exports.handleCommand = handleCommand;
const decideAndAppend = (deps, streamId, decider, makeCommand, context, options) => lanesFor(deps.store).run(streamId, async () => {
    const ids = (0, command_ids_1.commandIds)(deps.ids, context.idempotencySeed);
    for (let attempt = 0;; attempt++) {
        // A stream this command just named has no past: one read fewer of the four POST /v1/services
        // made (reading streams was 5.8% of its profile). Should the append conflict, the retry reads it.
        const fresh = options.opensMintedStream === true && !ids.deterministic && attempt === 0;
        // Without history the store's idempotence by event id answers a retried command.
        const history = decider.readsHistory === false || fresh ? [] : await deps.store.readStream(streamId);
        const version = history.length === 0 ? 0 : history[history.length - 1].streamVersion;
        const done = ids.deterministic ? alreadyWritten(streamId, history, ids) : null;
        if (done)
            return done;
        const state = history.reduce((s, e) => decider.evolve(s, e), decider.initialState());
        const now = deps.clock.now();
        const decided = decider.decide(makeCommand(now), state);
        if (decided.length === 0)
            return { streamId, streamVersion: version, position: null, events: [] };
        const events = decided.map((event, index) => ({
            eventId: ids.eventId(index),
            type: event.type,
            data: event.data,
            metadata: {
                actor: context.actor,
                correlationId: context.correlationId,
                causationId: context.causationId,
            },
        }));
        try {
            const expected = decider.readsHistory === false ? 'any' : version === 0 ? 'no_stream' : version;
            const written = await (0, tracing_1.inSpan)('event-store append', { 'ledger.stream_id': streamId, 'ledger.events': events.length }, async (span) => {
                (0, tracing_1.rememberAppend)(span, events.map((event) => event.eventId));
                return deps.store.append(streamId, events, expected);
            });
            return { ...written, streamId, events: events.map(({ eventId, type }) => ({ eventId, type })) };
        }
        catch (error) {
            if (!(error instanceof event_store_port_1.ConcurrencyError) || attempt >= exports.MAX_CONFLICT_RETRIES)
                throw error;
        }
        await backOff(attempt);
    }
});
/** The answer a command gave the first time, when the events it derives its ids for are already in the stream. */
const alreadyWritten = (streamId, history, ids) => {
    const first = history.findIndex((event) => event.eventId === ids.eventId(0));
    if (first < 0)
        return null;
    const written = [];
    for (let i = first; i < history.length && history[i].eventId === ids.eventId(i - first); i++)
        written.push(history[i]);
    const last = written[written.length - 1];
    return {
        streamId,
        streamVersion: last.streamVersion,
        position: last.position,
        events: written.map(({ eventId, type }) => ({ eventId, type })),
    };
};
//# sourceMappingURL=handle-command.js.map