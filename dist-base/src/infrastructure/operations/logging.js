"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.loggingModule = void 0;
const node_events_1 = require("node:events");
const nestjs_pino_1 = require("nestjs-pino");
const common_1 = require("@nestjs/common");
const pino_1 = require("pino");
/** Nest's levels as pino names them. */
const PINO_LEVELS = { error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };
/**
 * Headers that carry secrets. The request serializer below keeps no headers
 * at all; redaction is the second line, should a log call pass a request.
 */
const SECRETS = ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'authorization', 'key', '*.key'];
/**
 * Structured logs through nestjs-pino: every line is JSON (or coloured text
 * with LOG_FORMAT=pretty). The per-request line is written by the
 * RequestObserver, which knows the route template and the key id. A line
 * logged for a request (its own, a 500's stack, a live feed's end) names the
 * request's `reqId` where it is written: no request logger is bound to the
 * request's asynchronous context. Such a binding (nestjs-pino's
 * AsyncLocalStorage, or pino-http's middleware) turns on Node's promise hooks
 * for the whole process, and every promise then pays for them: about a tenth
 * of a balance query's CPU in a profile.
 */
const loggingModule = (config) => {
    const options = {
        level: PINO_LEVELS[config.logLevel],
        autoLogging: false,
        quietReqLogger: true,
        base: { service: 'resource-sharing-ledger' },
        redact: { paths: SECRETS, censor: '[redacted]' },
        serializers: { req: (req) => ({ id: req.id, method: req.method, url: req.url }) },
    };
    if (config.logFormat === 'pretty') {
        return nestjs_pino_1.LoggerModule.forRoot({ forRoutes: [], pinoHttp: { ...options, transport: { target: 'pino-pretty', options: { singleLine: true } } } });
    }
    const stream = (0, pino_1.destination)({ dest: 1, sync: false });
    return {
        module: LoggingModule,
        imports: [nestjs_pino_1.LoggerModule.forRoot({ forRoutes: [], pinoHttp: [options, stream] })],
        providers: [{ provide: SynchronousFromShutdown, useFactory: () => new SynchronousFromShutdown(stream) }],
        exports: [nestjs_pino_1.LoggerModule],
    };
};
exports.loggingModule = loggingModule;
let LoggingModule = class LoggingModule {
};
LoggingModule = __decorate([
    (0, common_1.Module)({})
], LoggingModule);
/** How long a shutdown waits for a log write in flight before its last lines go out synchronously. */
const SHUTDOWN_WRITE_WAIT_MS = 1000;
/**
 * JSON lines are written as the event loop goes on, not in a blocking write
 * each (a CPU profile of the balance query put a tenth of every request
 * there): lines that arrive during a write go out together in the next. From
 * the start of a shutdown they are written synchronously again, so the last
 * ones are out before the process ends by its signal; on any other exit
 * (process.exit, a crash) pino writes what is left synchronously.
 */
class SynchronousFromShutdown {
    stream;
    constructor(stream) {
        this.stream = stream;
    }
    async onModuleDestroy() {
        // sonic-boom reads its own `sync` field (absent from its typings, as `_writing` is) on every write:
        // the lines queued behind a write in flight go out synchronously, in order, once it ends. That
        // end is a callback of the event loop: wait for it here, or the shutdown's last lines (written
        // by hooks that may only await promises already settled) could wait behind it until the process
        // ends by its signal, lost (seen in the logs e2e spec under load). Bounded: a stdout nobody
        // reads must not hold the shutdown.
        const stream = this.stream;
        stream.sync = true;
        if (!stream._writing)
            return;
        let timer;
        await Promise.race([(0, node_events_1.once)(stream, 'write'), new Promise((resolve) => (timer = setTimeout(resolve, SHUTDOWN_WRITE_WAIT_MS)))]);
        clearTimeout(timer);
    }
}
//# sourceMappingURL=logging.js.map