import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../config/config';
import { holdDataDir } from '../data-dir-lock';
import { LedgerModule } from '../ledger.module';
import { RequestObserver } from '../operations/request-observer';
import { AccessService } from '../../application/access/access.service';
import { RATE_COUNTERS, type RateCounters } from '../../application/ports/rate-counters.port';
import { authenticateBeforeBody } from './auth/authenticate.hook';
import { FailedAuthentications } from './auth/failed-authentications';
import { serveDashboard } from './dashboard/dashboard.static';
import { serveOpenApi } from './openapi';
import { BadInput } from './problem/problem';
import { answerConnectionError, sendProblem } from './problem/problem.filter';
import { IdempotentAnswers } from './idempotency/idempotency';
import { idempotentRoutes, keyedRoutes, xmlRoutes } from './routes';
import { parseXmlBodies } from './iso18626/xml-body';
import { parseJsonBodiesWithDepthLimit } from './validation/json-body';
import { strictValidationPipe } from './validation/validation';

/**
 * The HTTP service on Fastify, as `main` starts it and the e2e tests drive
 * it. It takes the data directory to itself first (refused while another
 * process holds it) and gives it back at shutdown, or at once if it cannot
 * start (the process that could not start is ending, or a test goes on).
 */
export const createHttpApp = async (config: AppConfig): Promise<NestFastifyApplication> => {
  const releaseDataDir = holdDataDir(config.dataDir);
  try {
    return await buildHttpApp(config, releaseDataDir);
  } catch (error) {
    releaseDataDir();
    throw error;
  }
};

const buildHttpApp = async (config: AppConfig, releaseDataDir: () => void): Promise<NestFastifyApplication> => {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    ...timeouts(config),
    // A bad %-encoding or an overlong path parameter is refused by the router, before Nest: as problem+json too.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => sendProblem(request, reply, error),
    clientErrorHandler: answerConnectionError,
    // On the raw request too, where pino-http finds it: log lines and causation ids share one request id.
    genReqId: (raw: IncomingMessage) => {
      const id = randomUUID();
      raw.id = id;
      return id;
    },
    // Keys travel in headers: Fastify's own request log would not print them, but keep it off and log in one place.
    logger: false,
    return503OnClosing: true,
    // Behind a load balancer every client would share its address, and one client's bad keys would lock out all.
    trustProxy: config.trustedProxies.length > 0 ? [...config.trustedProxies] : false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(LedgerModule.forRoot(config, releaseDataDir), adapter, {
    bufferLogs: true,
    // A setting found wrong while the modules are built (a schema an unfinished migrate left) reaches main's
    // one-line answer and exit 78, not Nest's stack trace and exit 1; the buffered lines, that error's among them,
    // are written only once the service's own logger takes them.
    abortOnError: false,
    autoFlushLogs: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.get(RequestObserver).install(adapter.getInstance());
  requireHost(adapter);
  app.useGlobalPipes(strictValidationPipe());
  parseJsonBodiesWithDepthLimit(app, config.bodyLimitBytes);
  parseXmlBodies(app, config.bodyLimitBytes, xmlRoutes());
  authenticateBeforeBody(
    adapter.getInstance(),
    app.get(AccessService),
    new FailedAuthentications(config.authFailuresPerMinute, app.get<RateCounters>(RATE_COUNTERS)),
    keyedRoutes(),
  );
  app.get(IdempotentAnswers).install(adapter.getInstance(), idempotentRoutes());
  drainOnClose(adapter);
  serveOpenApi(app);
  await serveDashboard(app);
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  return app;
};

/**
 * A client must send its headers, and its whole request, within these times
 * (Fastify turns Node's request timeout off unless told). Node checks them
 * periodically: often enough that the shorter one is kept to within a quarter.
 */
const timeouts = ({ requestTimeoutSeconds, headersTimeoutSeconds }: AppConfig) => ({
  requestTimeout: requestTimeoutSeconds * 1000,
  http: {
    // Node would answer a request without it a bare 400 of its own; requireHost answers it as every refusal.
    requireHostHeader: false,
    headersTimeout: headersTimeoutSeconds * 1000,
    connectionsCheckingInterval: Math.min(30_000, (Math.min(requestTimeoutSeconds, headersTimeoutSeconds) * 1000) / 4),
  },
});

/** How many Host lines a request sent (Node keeps the first of several in `headers`). */
const hostLines = (rawHeaders: readonly string[]): number => {
  let lines = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i].length === 4 && rawHeaders[i].toLowerCase() === 'host') lines += 1;
  return lines;
};

/**
 * HTTP/1.1 requires one Host header (RFC 9112, section 3.2): a request
 * without one, or with more than one, is refused, as problem+json.
 */
const requireHost = (adapter: FastifyAdapter): void => {
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    const lines = hostLines(request.raw.rawHeaders);
    if (lines === 1 || (lines === 0 && request.raw.httpVersion !== '1.1')) {
      done();
      return;
    }
    const message = lines === 0 ? 'an HTTP/1.1 request must name its Host' : 'a request must name its Host once';
    sendProblem(request, reply, new BadInput([{ field: 'Host', message }]));
  });
};

/** How long a shutdown waits for the requests in flight before it cuts their connections. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * On close, Node stops accepting connections and drops the idle ones, but a
 * keep-alive connection busy with a request stays open after answering it,
 * for the whole keep-alive timeout. Answering the requests in flight with
 * `Connection: close` lets the server finish as soon as they are done.
 */
const drainOnClose = (adapter: FastifyAdapter): void => {
  const fastify = adapter.getInstance();
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
    setTimeout(() => fastify.server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
  });
  // A callback, not an async hook: it runs on every answer, and a promise each is work for nothing.
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });
};
