import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { LoggerModule, PinoLogger } from 'nestjs-pino';
import { Store, storage } from 'nestjs-pino/storage';
import { destination } from 'pino';
import type { Options } from 'pino-http';
import type { AppConfig } from '../config/config';

/** Nest's levels as pino names them. */
const PINO_LEVELS: Record<AppConfig['logLevel'], string> = { error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };

/**
 * Headers that carry secrets. The request serializer below keeps no headers
 * at all; redaction is the second line, should a log call pass a request.
 */
const SECRETS = ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'authorization', 'key', '*.key'];

/**
 * Structured logs through nestjs-pino: every line is JSON (or coloured text
 * with LOG_FORMAT=pretty). The per-request line is written by the
 * RequestObserver, which knows the route template and the key id; the
 * request id is bound to whatever is logged while a request runs by
 * bindRequestLogger (pino-http's middleware is not mounted: it made two child
 * loggers a request, behind Express-style middleware on Fastify).
 */
export const loggingModule = (config: AppConfig) => {
  const options: Options = {
    level: PINO_LEVELS[config.logLevel],
    autoLogging: false,
    quietReqLogger: true,
    base: { service: 'resource-sharing-ledger' },
    redact: { paths: SECRETS, censor: '[redacted]' },
    serializers: { req: (req: IncomingMessage) => ({ id: req.id, method: req.method, url: req.url }) },
  };
  // Written as the event loop goes on, not a blocking write per line (a CPU profile of the balance query
  // put a tenth of each request in it): lines that arrive during a write go out together in the next.
  // pino flushes what is left synchronously on exit (a shutdown, a crash); only a SIGKILL can lose it.
  return LoggerModule.forRoot({
    forRoutes: [],
    pinoHttp:
      config.logFormat === 'pretty'
        ? { ...options, transport: { target: 'pino-pretty', options: { singleLine: true } } }
        : [options, destination({ dest: 1, sync: false })],
  });
};

/** Every line logged while a request runs carries its `reqId`: one child logger a request, bound in the first hook. */
export const bindRequestLogger = (fastify: FastifyInstance): void => {
  fastify.addHook('onRequest', (request, _reply, done) => {
    storage.run(new Store(PinoLogger.root.child({ reqId: request.id })), done);
  });
};
