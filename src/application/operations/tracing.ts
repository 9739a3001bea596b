import { ROOT_CONTEXT, SpanStatusCode, trace, type Attributes, type Span, type SpanContext } from '@opentelemetry/api';
import type { RecordedEvent } from '../ports/event-store.port';

/**
 * Spans through the OpenTelemetry API, which records nothing until a tracer
 * provider is registered (main does that when the OTEL_* settings ask for it).
 */
export const tracer = trace.getTracer('resource-sharing-ledger');

/** Attribute names of this service, beside OpenTelemetry's own. */
export const CORRELATION_ID = 'ledger.correlation_id';

const failed = (span: Span, error: unknown): void => {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
};

/** Runs `work` in a span that is the active one while it runs; a thrown error marks the span. */
export const inSpan = <T>(name: string, attributes: Attributes, work: (span: Span) => Promise<T>): Promise<T> =>
  tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      failed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });

/**
 * The append span of each event until a projection folds it, so that the
 * fold joins the trace of the request that wrote it. In memory only, and
 * bounded: events written by another process (the CLI) or before a restart
 * are folded without a parent.
 */
const appendedBy = new Map<string, SpanContext>();
const REMEMBERED = 10_000;

export const rememberAppend = (span: Span, eventIds: readonly string[]): void => {
  if (!span.isRecording()) return;
  for (const id of eventIds) appendedBy.set(id, span.spanContext());
  for (const oldest of appendedBy.keys()) {
    if (appendedBy.size <= REMEMBERED) break;
    appendedBy.delete(oldest);
  }
};

/** One span per traced event of the batch, child of the append that wrote it; call the result once the fold has committed or failed. */
export const startFoldSpans = (batch: readonly RecordedEvent[]): ((error?: unknown) => void) => {
  const spans: Span[] = [];
  for (const event of batch) {
    const parent = appendedBy.get(event.eventId);
    if (!parent) continue;
    appendedBy.delete(event.eventId);
    const attributes = { [CORRELATION_ID]: event.metadata.correlationId, 'ledger.event.type': event.type, 'ledger.position': event.position };
    spans.push(tracer.startSpan('projection fold', { attributes }, trace.setSpanContext(ROOT_CONTEXT, parent)));
  }
  return (error) => {
    for (const span of spans) {
      if (error !== undefined) failed(span, error);
      span.end();
    }
  };
};
