"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.tracerRegistered = exports.startTracing = exports.tracingWanted = void 0;
const api_1 = require("@opentelemetry/api");
const exporter_trace_otlp_http_1 = require("@opentelemetry/exporter-trace-otlp-http");
const resources_1 = require("@opentelemetry/resources");
const sdk_trace_node_1 = require("@opentelemetry/sdk-trace-node");
/**
 * Traces are opt-in, with OpenTelemetry's own settings: OTEL_TRACES_EXPORTER=otlp
 * or an OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT turns them on; OTEL_SDK_DISABLED=true
 * or OTEL_TRACES_EXPORTER=none keeps them off. The exporter, the batching and the
 * resource read the rest (OTEL_EXPORTER_OTLP_HEADERS, OTEL_BSP_*, OTEL_SERVICE_NAME,
 * OTEL_RESOURCE_ATTRIBUTES) themselves.
 */
const tracingWanted = (env) => {
    if (env.OTEL_SDK_DISABLED === 'true' || env.OTEL_TRACES_EXPORTER === 'none')
        return false;
    return (env.OTEL_TRACES_EXPORTER ?? '').split(',').includes('otlp') || !!env.OTEL_EXPORTER_OTLP_ENDPOINT || !!env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
};
exports.tracingWanted = tracingWanted;
/** Registers the tracer provider when the settings ask for traces; the caller shuts it down to flush the last spans. */
const startTracing = (env = process.env) => {
    if (!(0, exports.tracingWanted)(env))
        return null;
    const resource = (0, resources_1.resourceFromAttributes)({ 'service.name': 'resource-sharing-ledger' }).merge((0, resources_1.detectResources)({ detectors: [resources_1.envDetector] }));
    const provider = new sdk_trace_node_1.NodeTracerProvider({ resource, spanProcessors: [new sdk_trace_node_1.BatchSpanProcessor(new exporter_trace_otlp_http_1.OTLPTraceExporter())] });
    provider.register();
    return provider;
};
exports.startTracing = startTracing;
/**
 * Whether a tracer provider is registered (by startTracing, or by a test with
 * its own): without one every span is a no-op, and the request span's
 * interceptor is left out, since its mere presence costs every request Nest's
 * rxjs chain and an AsyncResource.bind (a tenth of a balance query's time in
 * a CPU profile).
 */
const tracerRegistered = () => {
    const provider = api_1.trace.getTracerProvider();
    return !(provider instanceof api_1.ProxyTracerProvider) || provider.getDelegateTracer('resource-sharing-ledger') !== undefined;
};
exports.tracerRegistered = tracerRegistered;
//# sourceMappingURL=tracing.js.map