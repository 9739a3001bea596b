import { ProxyTracerProvider, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Traces are opt-in, with OpenTelemetry's own settings: OTEL_TRACES_EXPORTER=otlp
 * or an OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT turns them on; OTEL_SDK_DISABLED=true
 * or OTEL_TRACES_EXPORTER=none keeps them off. The exporter, the batching and the
 * resource read the rest (OTEL_EXPORTER_OTLP_HEADERS, OTEL_BSP_*, OTEL_SERVICE_NAME,
 * OTEL_RESOURCE_ATTRIBUTES) themselves.
 */
export const tracingWanted = (env: Env): boolean => {
  if (env.OTEL_SDK_DISABLED === 'true' || env.OTEL_TRACES_EXPORTER === 'none') return false;
  return (env.OTEL_TRACES_EXPORTER ?? '').split(',').includes('otlp') || !!env.OTEL_EXPORTER_OTLP_ENDPOINT || !!env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
};

/** Registers the tracer provider when the settings ask for traces; the caller shuts it down to flush the last spans. */
export const startTracing = (env: Env = process.env): NodeTracerProvider | null => {
  if (!tracingWanted(env)) return null;
  const resource = resourceFromAttributes({ 'service.name': 'resource-sharing-ledger' }).merge(detectResources({ detectors: [envDetector] }));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
  provider.register();
  return provider;
};

/**
 * Whether a tracer provider is registered (by startTracing, or by a test with
 * its own): without one every span is a no-op, and the request span's
 * interceptor is left out, since its mere presence costs every request Nest's
 * rxjs chain and an AsyncResource.bind (a tenth of a balance query's time in
 * a CPU profile).
 */
export const tracerRegistered = (): boolean => {
  const provider = trace.getTracerProvider();
  return !(provider instanceof ProxyTracerProvider) || provider.getDelegateTracer('resource-sharing-ledger') !== undefined;
};
