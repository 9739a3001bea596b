"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createHttpApp = void 0;
const node_crypto_1 = require("node:crypto");
const core_1 = require("@nestjs/core");
const nestjs_pino_1 = require("nestjs-pino");
const platform_fastify_1 = require("@nestjs/platform-fastify");
const ledger_module_1 = require("../ledger.module");
const request_observer_1 = require("../operations/request-observer");
const access_service_1 = require("../../application/access/access.service");
const rate_counters_port_1 = require("../../application/ports/rate-counters.port");
const authenticate_hook_1 = require("./auth/authenticate.hook");
const failed_authentications_1 = require("./auth/failed-authentications");
const dashboard_static_1 = require("./dashboard/dashboard.static");
const openapi_1 = require("./openapi");
const problem_filter_1 = require("./problem/problem.filter");
const idempotency_1 = require("./idempotency/idempotency");
const routes_1 = require("./routes");
const xml_body_1 = require("./iso18626/xml-body");
const json_body_1 = require("./validation/json-body");
const validation_1 = require("./validation/validation");
/** The HTTP service on Fastify, as `main` starts it and the e2e tests drive it. */
const createHttpApp = async (config) => {
    const adapter = new platform_fastify_1.FastifyAdapter({
        bodyLimit: config.bodyLimitBytes,
        ...timeouts(config),
        // A bad %-encoding or an overlong path parameter is refused by the router, before Nest: as problem+json too.
        frameworkErrors: (error, request, reply) => (0, problem_filter_1.sendProblem)(request, reply, error),
        clientErrorHandler: problem_filter_1.answerConnectionError,
        // On the raw request too, where pino-http finds it: log lines and causation ids share one request id.
        genReqId: (raw) => {
            const id = (0, node_crypto_1.randomUUID)();
            raw.id = id;
            return id;
        },
        // Keys travel in headers: Fastify's own request log would not print them, but keep it off and log in one place.
        logger: false,
        return503OnClosing: true,
    });
    const app = await core_1.NestFactory.create(ledger_module_1.LedgerModule.forRoot(config), adapter, {
        bufferLogs: true,
    });
    app.useLogger(app.get(nestjs_pino_1.Logger));
    app.get(request_observer_1.RequestObserver).install(adapter.getInstance());
    app.useGlobalPipes((0, validation_1.strictValidationPipe)());
    (0, json_body_1.parseJsonBodiesWithDepthLimit)(app, config.bodyLimitBytes);
    (0, xml_body_1.parseXmlBodies)(app, config.bodyLimitBytes);
    (0, authenticate_hook_1.authenticateBeforeBody)(adapter.getInstance(), app.get(access_service_1.AccessService), new failed_authentications_1.FailedAuthentications(config.authFailuresPerMinute, app.get(rate_counters_port_1.RATE_COUNTERS)), (0, routes_1.keyedRoutes)());
    app.get(idempotency_1.IdempotentAnswers).install(adapter.getInstance(), (0, routes_1.idempotentRoutes)());
    drainOnClose(adapter);
    (0, openapi_1.serveOpenApi)(app);
    await (0, dashboard_static_1.serveDashboard)(app);
    app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
    return app;
};
exports.createHttpApp = createHttpApp;
/**
 * A client must send its headers, and its whole request, within these times
 * (Fastify turns Node's request timeout off unless told). Node checks them
 * periodically: often enough that the shorter one is kept to within a quarter.
 */
const timeouts = ({ requestTimeoutSeconds, headersTimeoutSeconds }) => ({
    requestTimeout: requestTimeoutSeconds * 1000,
    http: {
        headersTimeout: headersTimeoutSeconds * 1000,
        connectionsCheckingInterval: Math.min(30_000, (Math.min(requestTimeoutSeconds, headersTimeoutSeconds) * 1000) / 4),
    },
});
/** How long a shutdown waits for the requests in flight before it cuts their connections. */
const SHUTDOWN_GRACE_MS = 10_000;
/**
 * On close, Node stops accepting connections and drops the idle ones, but a
 * keep-alive connection busy with a request stays open after answering it,
 * for the whole keep-alive timeout. Answering the requests in flight with
 * `Connection: close` lets the server finish as soon as they are done.
 */
const drainOnClose = (adapter) => {
    const fastify = adapter.getInstance();
    let closing = false;
    fastify.addHook('preClose', async () => {
        closing = true;
        setTimeout(() => fastify.server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    });
    // A callback, not an async hook: it runs on every answer, and a promise each is work for nothing.
    fastify.addHook('onSend', (_request, reply, payload, done) => {
        if (closing)
            void reply.header('connection', 'close');
        done(null, payload);
    });
};
//# sourceMappingURL=http-app.js.map