import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
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
 * RequestObserver, which knows the route template and the key id; pino-http
 * only binds the request id to whatever is logged while a request runs.
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
  // Synchronous writes: the last lines before an exit (a shutdown, a crash) are not lost in a buffer.
  return LoggerModule.forRoot({
    pinoHttp:
      config.logFormat === 'pretty'
        ? { ...options, transport: { target: 'pino-pretty', options: { singleLine: true } } }
        : [options, destination({ dest: 1, sync: true })],
  });
};
