import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { tracingWanted } from '../../src/infrastructure/operations/tracing';
import { bearer } from './support/ledger-app';
import { useLedger } from './support/use-ledger';
import { BORROWER, LENDER } from './support/world';

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register();

afterAll(async () => {
  await provider.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
});

/** The spans of one correlation id, once `name` is among them (the fold ends just after the read models move on). */
const spansOf = async (correlationId: string, name: string): Promise<ReadableSpan[]> => {
  for (let i = 0; i < 100; i++) {
    const spans = exporter.getFinishedSpans().filter((span) => span.attributes['ledger.correlation_id'] === correlationId);
    if (spans.some((span) => span.name === name)) return spans;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no ${name} span for ${correlationId}: ${exporter.getFinishedSpans().map((s) => s.name).join(', ')}`);
};

describe('traces through the OpenTelemetry API', () => {
  const { ledger, world } = useLedger();

  it('follows a request through the command, the append and the projection that folds it, in one trace', async () => {
    const response = await ledger()
      .http()
      .post('/v1/loans')
      .set({ ...bearer(world().keys[BORROWER]), 'X-Correlation-Id': 'trace-loan-1' })
      .send({ agreementId: world().agreementId, lender: LENDER, item: { title: 'Hikayat Hang Tuah' } });
    expect(response.status).toBe(201);
    await ledger().caughtUp(response.body.position);

    const spans = await spansOf('trace-loan-1', 'projection fold');
    const named = (name: string) => spans.find((span) => span.name === name)!;
    const http = named('POST /v1/loans');
    const command = named('command RequestLoan');
    const fold = named('projection fold');
    const append = exporter.getFinishedSpans().find((span) => span.name === 'event-store append' && span.parentSpanContext?.spanId === command.spanContext().spanId)!;
    expect(append).toBeDefined();

    const traceId = http.spanContext().traceId;
    for (const span of [command, append, fold]) expect(span.spanContext().traceId).toBe(traceId);
    expect(command.parentSpanContext?.spanId).toBe(http.spanContext().spanId);
    expect(fold.parentSpanContext?.spanId).toBe(append.spanContext().spanId);
    expect(fold.attributes).toMatchObject({ 'ledger.event.type': 'LoanRequested', 'ledger.position': response.body.position });
    expect(http.attributes).toMatchObject({ 'http.route': '/v1/loans', 'ledger.request_id': expect.any(String) });
    expect(command.attributes).toMatchObject({ 'ledger.command.type': 'RequestLoan', 'ledger.stream_id': response.body.streamId });
  });

  it("joins the caller's trace when the request carries a traceparent", async () => {
    const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const response = await ledger()
      .http()
      .post('/v1/loans')
      .set({ ...bearer(world().keys[BORROWER]), 'X-Correlation-Id': 'trace-loan-2', traceparent: `00-${callerTrace}-00f067aa0ba902b7-01` })
      .send({ agreementId: world().agreementId, lender: LENDER, item: { title: 'Sejarah Melayu' } });
    expect(response.status).toBe(201);
    const spans = await spansOf('trace-loan-2', 'projection fold');
    expect(new Set(spans.map((span) => span.spanContext().traceId))).toEqual(new Set([callerTrace]));
  });

  it('marks a refused command as an error on its span', async () => {
    const loan = await ledger()
      .http()
      .post('/v1/loans')
      .set(bearer(world().keys[BORROWER]))
      .send({ agreementId: world().agreementId, lender: LENDER, item: { title: 'Babad Diponegoro' } });
    const refused = await ledger().http().post(`/v1/loans/${loan.body.loanId}/ship`).set({ ...bearer(world().keys[LENDER]), 'X-Correlation-Id': 'trace-ship-1' }).send({});
    expect(refused.status).toBe(409);
    const command = (await spansOf('trace-ship-1', 'command ShipLoan')).find((span) => span.name === 'command ShipLoan')!;
    expect(command.status.code).toBe(2);
  });
});

describe('turning traces on', () => {
  it('follows the standard OTEL_* settings, and is off by default', () => {
    expect(tracingWanted({})).toBe(false);
    expect(tracingWanted({ OTEL_TRACES_EXPORTER: 'otlp' })).toBe(true);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' })).toBe(true);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:4318/v1/traces' })).toBe(true);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_SDK_DISABLED: 'true' })).toBe(false);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_TRACES_EXPORTER: 'none' })).toBe(false);
  });
});
