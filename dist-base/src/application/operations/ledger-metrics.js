"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.LedgerMetrics = exports.secondsSince = exports.commandOutcomeOf = void 0;
const node_perf_hooks_1 = require("node:perf_hooks");
const errors_1 = require("../../domain/shared/errors");
const event_store_port_1 = require("../ports/event-store.port");
const metrics_port_1 = require("../ports/metrics.port");
const commandOutcomeOf = (error) => error instanceof errors_1.DomainError ? 'refused' : error instanceof event_store_port_1.ConcurrencyError ? 'conflict' : 'failed';
exports.commandOutcomeOf = commandOutcomeOf;
/** Seconds since `start`, a `performance.now()` reading. */
const secondsSince = (start) => (node_perf_hooks_1.performance.now() - start) / 1000;
exports.secondsSince = secondsSince;
/** Fast paths are well under a millisecond; SQLite fsyncs take a few; anything past a second is trouble. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const BATCH_BUCKETS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
/**
 * The service's own instruments, in one place so that their names, labels
 * and meanings are documented once (docs/operations.md). Parts of the service
 * record into these; a new part adds its instruments here.
 */
class LedgerMetrics {
    metrics;
    httpDuration;
    commands;
    commandDuration;
    commitDuration;
    commitAppends;
    committedEvents;
    replays;
    rateLimited;
    setAside;
    deliveries;
    targetsDisabled;
    constructor(metrics = metrics_port_1.noMetrics) {
        this.metrics = metrics;
        this.httpDuration = metrics.histogram({
            name: 'ledger_http_request_duration_seconds',
            help: 'HTTP requests by route template, method and status, with their duration',
            labels: ['route', 'method', 'status'],
            buckets: LATENCY_BUCKETS,
        });
        this.commands = metrics.counter({
            name: 'ledger_commands_total',
            help: 'Commands handled, by command type and outcome (accepted, refused, conflict, failed)',
            labels: ['type', 'outcome'],
        });
        this.commandDuration = metrics.histogram({
            name: 'ledger_command_duration_seconds',
            help: 'Time from the command reaching its stream (queueing behind others for it included) to its answer, by command type',
            labels: ['type'],
            buckets: LATENCY_BUCKETS,
        });
        this.commitDuration = metrics.histogram({
            name: 'ledger_event_store_commit_duration_seconds',
            help: 'Duration of one event-store transaction (group commit)',
            buckets: LATENCY_BUCKETS,
        });
        this.commitAppends = metrics.histogram({
            name: 'ledger_event_store_commit_appends',
            help: 'Appends committed together in one event-store transaction (batch size)',
            buckets: BATCH_BUCKETS,
        });
        this.committedEvents = metrics.counter({ name: 'ledger_event_store_events_total', help: 'Events written to the event store' });
        this.replays = metrics.counter({
            name: 'ledger_idempotent_replays_total',
            help: 'Requests answered from a kept Idempotency-Key answer instead of running again',
        });
        this.rateLimited = metrics.counter({ name: 'ledger_rate_limited_total', help: 'Requests refused with 429 by the per-key rate limit' });
        this.setAside = metrics.counter({
            name: 'ledger_projection_set_aside_events_total',
            help: 'Events a projection could not fold, by projection and resolution (stuck: it stopped there; skipped: it went on)',
            labels: ['projection', 'resolution'],
        });
        this.deliveries = metrics.counter({
            name: 'ledger_deliveries_total',
            help: 'Attempts to deliver an event to a subscriber, by kind (webhook), target id and outcome (delivered, failed)',
            labels: ['kind', 'target', 'outcome'],
        });
        this.targetsDisabled = metrics.counter({
            name: 'ledger_delivery_targets_disabled_total',
            help: 'Subscribers disabled after too many failed attempts in a row, by kind and target id',
            labels: ['kind', 'target'],
        });
    }
    httpRequest(route, method, status, seconds) {
        this.httpDuration.observe({ route, method, status: String(status) }, seconds);
    }
    commandHandled(type, outcome, seconds) {
        this.commands.inc({ type, outcome });
        this.commandDuration.observe({ type }, seconds);
    }
    committed(appends, events, seconds) {
        this.commitDuration.observe({}, seconds);
        this.commitAppends.observe({}, appends);
        if (events > 0)
            this.committedEvents.inc({}, events);
    }
    idempotentReplay() {
        this.replays.inc();
    }
    rateLimitRefused() {
        this.rateLimited.inc();
    }
    /** One attempt to deliver an event to a subscriber (a webhook), acknowledged or not. */
    deliveryAttempted(kind, target, delivered) {
        this.deliveries.inc({ kind, target, outcome: delivered ? 'delivered' : 'failed' });
    }
    deliveryTargetDisabled(kind, target) {
        this.targetsDisabled.inc({ kind, target });
    }
    eventSetAside(projection, resolution) {
        this.setAside.inc({ projection, resolution });
    }
    /** Per projection: events in the log it has not folded yet, and how old the oldest of them is. */
    projectionLag(collect) {
        const lags = oncePerScrape(collect);
        const samples = (pick) => async () => (await lags()).map((lag) => ({ labels: { projection: lag.projection }, value: pick(lag) }));
        this.metrics.gauge({
            name: 'ledger_projection_lag_events',
            help: 'Events in the log that the projection has not folded yet',
            labels: ['projection'],
            collect: samples((lag) => lag.events),
        });
        this.metrics.gauge({
            name: 'ledger_projection_lag_seconds',
            help: 'Age of the oldest event the projection has not folded yet (0 when caught up)',
            labels: ['projection'],
            collect: samples((lag) => lag.seconds),
        });
        this.metrics.gauge({
            name: 'ledger_projection_stuck',
            help: '1 while the projection is stopped at an event it cannot fold (see GET /v1/projections), else 0',
            labels: ['projection'],
            collect: samples((lag) => (lag.stuck ? 1 : 0)),
        });
    }
    /** Per subscriber channel (the live feed, each webhook): lag in events and seconds, stuck, enabled; and live-feed clients. */
    subscribers(source) {
        const lags = oncePerScrape(source.lags);
        const samples = (pick) => async () => (await lags()).map((lag) => ({ labels: { kind: lag.kind, channel: lag.channel }, value: pick(lag) }));
        this.metrics.gauge({
            name: 'ledger_subscriber_lag_events',
            help: 'Events in the log that the subscriber channel (live-feed, or a webhook by id) has not passed yet',
            labels: ['kind', 'channel'],
            collect: samples((lag) => lag.events),
        });
        this.metrics.gauge({
            name: 'ledger_subscriber_lag_seconds',
            help: 'Age of the oldest event the subscriber channel has not passed yet (0 when caught up)',
            labels: ['kind', 'channel'],
            collect: samples((lag) => lag.seconds),
        });
        this.metrics.gauge({
            name: 'ledger_subscriber_stuck',
            help: '1 while the subscriber channel is stopped although it should run, else 0',
            labels: ['kind', 'channel'],
            collect: samples((lag) => (lag.stuck ? 1 : 0)),
        });
        this.metrics.gauge({
            name: 'ledger_subscriber_enabled',
            help: '1 while the subscriber channel is enabled, 0 once a webhook is disabled (failures, its owner key revoked)',
            labels: ['kind', 'channel'],
            collect: samples((lag) => (lag.enabled ? 1 : 0)),
        });
        this.metrics.gauge({
            name: 'ledger_sse_clients',
            help: 'Clients connected to the live feed (GET /v1/events/live)',
            collect: async () => [{ labels: {}, value: source.liveClients() }],
        });
    }
}
exports.LedgerMetrics = LedgerMetrics;
/** Read once per scrape, however many gauges ask. */
const oncePerScrape = (collect) => {
    let last;
    return () => (last ??= collect().finally(() => setImmediate(() => (last = undefined))));
};
//# sourceMappingURL=ledger-metrics.js.map