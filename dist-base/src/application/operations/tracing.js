"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startFoldSpans = exports.rememberAppend = exports.inSpan = exports.CORRELATION_ID = exports.tracer = void 0;
const api_1 = require("@opentelemetry/api");
/**
 * Spans through the OpenTelemetry API, which records nothing until a tracer
 * provider is registered (main does that when the OTEL_* settings ask for it).
 */
exports.tracer = api_1.trace.getTracer('resource-sharing-ledger');
/** Attribute names of this service, beside OpenTelemetry's own. */
exports.CORRELATION_ID = 'ledger.correlation_id';
const failed = (span, error) => {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: api_1.SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
};
/** Runs `work` in a span that is the active one while it runs; a thrown error marks the span. */
const inSpan = (name, attributes, work) => exports.tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
        return await work(span);
    }
    catch (error) {
        failed(span, error);
        throw error;
    }
    finally {
        span.end();
    }
});
exports.inSpan = inSpan;
/**
 * The append span of each event until a projection folds it, so that the
 * fold joins the trace of the request that wrote it. In memory only, and
 * bounded: events written by another process (the CLI) or before a restart
 * are folded without a parent.
 */
const appendedBy = new Map();
const REMEMBERED = 10_000;
const rememberAppend = (span, eventIds) => {
    if (!span.isRecording())
        return;
    for (const id of eventIds)
        appendedBy.set(id, span.spanContext());
    for (const oldest of appendedBy.keys()) {
        if (appendedBy.size <= REMEMBERED)
            break;
        appendedBy.delete(oldest);
    }
};
exports.rememberAppend = rememberAppend;
/** One span per traced event of the batch, child of the append that wrote it; call the result once the fold has committed or failed. */
const startFoldSpans = (batch) => {
    const spans = [];
    for (const event of batch) {
        const parent = appendedBy.get(event.eventId);
        if (!parent)
            continue;
        appendedBy.delete(event.eventId);
        const attributes = { [exports.CORRELATION_ID]: event.metadata.correlationId, 'ledger.event.type': event.type, 'ledger.position': event.position };
        spans.push(exports.tracer.startSpan('projection fold', { attributes }, api_1.trace.setSpanContext(api_1.ROOT_CONTEXT, parent)));
    }
    return (error) => {
        for (const span of spans) {
            if (error !== undefined)
                failed(span, error);
            span.end();
        }
    };
};
exports.startFoldSpans = startFoldSpans;
//# sourceMappingURL=tracing.js.map