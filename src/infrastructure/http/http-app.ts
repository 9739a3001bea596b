import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../config/config';
import { LedgerModule } from '../ledger.module';
import { serveDashboard } from './dashboard/dashboard.static';
import { serveOpenApi } from './openapi';
import { strictValidationPipe } from './validation/validation';

/** The HTTP service on Fastify, as `main` starts it and the e2e tests drive it. */
export const createHttpApp = async (config: AppConfig): Promise<NestFastifyApplication> => {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    genReqId: () => randomUUID(),
    // Keys travel in headers: Fastify's own request log would not print them, but keep it off and log in one place.
    logger: false,
    return503OnClosing: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(LedgerModule.forRoot(config), adapter, {
    logger: levelsFrom(config.logLevel),
    bufferLogs: false,
  });
  app.useGlobalPipes(strictValidationPipe());
  drainOnClose(adapter);
  serveOpenApi(app);
  await serveDashboard(app);
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  return app;
};

const LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
const levelsFrom = (level: AppConfig['logLevel']) => LEVELS.slice(0, LEVELS.indexOf(level) + 1);

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
  fastify.addHook('onSend', async (_request, reply) => {
    if (closing) void reply.header('connection', 'close');
  });
};
