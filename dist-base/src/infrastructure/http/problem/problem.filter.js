"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.answerConnectionError = exports.ProblemFilter = exports.sendProblem = exports.toProblem = void 0;
const common_1 = require("@nestjs/common");
const errors_1 = require("../../../domain/shared/errors");
const event_store_port_1 = require("../../../application/ports/event-store.port");
const read_store_port_1 = require("../../../application/ports/read-store.port");
const read_models_behind_1 = require("../../../application/projections/read-models-behind");
const beyond_head_1 = require("../../../application/ledger/beyond-head");
const replayed_problem_1 = require("../idempotency/replayed-problem");
const problem_1 = require("./problem");
const STATUS_OF = { rule: 409, forbidden: 403, 'not-found': 404, invalid: 400 };
const kebab = (text) => text
    .replace(/^FST_(ERR_)?/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
/** The part of the request a Fastify error is about, named as a field. */
const fastifyField = (status, code) => {
    if (status === 413 || /JSON|BODY/.test(code))
        return 'body';
    if (/URL|PARAM/.test(code))
        return 'path';
    return undefined;
};
const BODY_STATUS_FIELDS = { 400: 'body', 413: 'body', 415: 'Content-Type' };
/** The one mapping from every failure to a problem document. */
const toProblem = (error) => {
    if (error instanceof replayed_problem_1.ReplayedProblem)
        return error.problem;
    if (error instanceof problem_1.BadInput) {
        return (0, problem_1.problem)(400, 'validation-failed', error.message, { errors: error.errors });
    }
    if (error instanceof errors_1.DomainError) {
        const status = STATUS_OF[error.kind];
        return (0, problem_1.problem)(status, error.code, error.message, error.field ? { errors: [{ field: error.field, message: error.message }] } : {});
    }
    if (error instanceof event_store_port_1.ConcurrencyError) {
        return (0, problem_1.problem)(409, 'concurrent-change', 'the record changed while the command was being decided; read it again and retry');
    }
    if (error instanceof event_store_port_1.DuplicateEventError)
        return (0, problem_1.problem)(409, 'duplicate-event', error.message);
    if (error instanceof read_store_port_1.InvalidCursor) {
        return (0, problem_1.problem)(400, 'invalid-cursor', error.message, { errors: [{ field: 'cursor', message: error.message }] });
    }
    if (error instanceof event_store_port_1.StoreClosedError)
        return (0, problem_1.problem)(503, 'shutting-down', 'the service is shutting down; retry shortly');
    if (error instanceof event_store_port_1.StoreFailedError)
        return (0, problem_1.problem)(503, 'store-failed', error.message);
    if (error instanceof beyond_head_1.BeyondHead)
        return (0, problem_1.problem)(409, 'beyond-head', error.message, { head: error.head, now: error.now });
    if (error instanceof read_models_behind_1.ReadModelsBehind)
        return (0, problem_1.problem)(503, 'read-models-behind', error.message, { reached: error.reached });
    if (error instanceof common_1.HttpException) {
        const status = error.getStatus();
        const body = error.getResponse();
        const detail = typeof body === 'string' ? body : (body.message ?? error.message);
        // Health checks answer 503 with the state of each check: keep it for the operator.
        const details = typeof body === 'object' && 'details' in body ? { details: body.details } : {};
        // Fastify refuses bodies (empty, not JSON, too large, wrong media type) before any DTO sees them.
        const field = BODY_STATUS_FIELDS[status];
        const errors = field ? { errors: [{ field, message: String(detail) }] } : {};
        return (0, problem_1.problem)(status, kebab(problem_1.STATUS_TITLES[status] ?? error.name.replace(/Exception$/, '')), String(detail), { ...details, ...errors });
    }
    // Errors raised by Fastify itself (body too large, malformed JSON, bad content type, bad URL) carry their status.
    const status = error?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
        const code = String(error.code ?? '');
        const message = error.message;
        const field = fastifyField(status, code);
        return (0, problem_1.problem)(status, code ? kebab(code) : 'bad-request', message, field ? { errors: [{ field, message }] } : {});
    }
    return (0, problem_1.problem)(500, 'internal', 'an unexpected error occurred; it has been logged');
};
exports.toProblem = toProblem;
const logger = new common_1.Logger('Problem');
/** Answers a request with the problem document for `error`, the one way every refusal is sent. */
const sendProblem = (request, reply, error) => {
    const body = { ...(0, exports.toProblem)(error), instance: request.url };
    // A store that failed is the operator's to see at once, though the client is told to come back later.
    if ((body.status >= 500 && body.status !== 503) || error instanceof event_store_port_1.StoreFailedError) {
        logger.error({ reqId: request.id }, error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    if (body.status === 401)
        void reply.header('www-authenticate', 'Bearer realm="resource-sharing-ledger"');
    if (body.status === 503)
        void reply.header('retry-after', '1');
    return reply.status(body.status).header('content-type', problem_1.PROBLEM_CONTENT_TYPE).send(body);
};
exports.sendProblem = sendProblem;
let ProblemFilter = class ProblemFilter {
    catch(error, host) {
        const http = host.switchToHttp();
        void (0, exports.sendProblem)(http.getRequest(), http.getResponse(), error);
    }
};
exports.ProblemFilter = ProblemFilter;
exports.ProblemFilter = ProblemFilter = __decorate([
    (0, common_1.Catch)()
], ProblemFilter);
/** Errors Node raises on a connection before Fastify has a request to answer. */
const CONNECTION_ERRORS = {
    ERR_HTTP_REQUEST_TIMEOUT: [408, 'request-timeout', 'the request (headers and body) was not received in time'],
    HPE_HEADER_OVERFLOW: [431, 'headers-too-large', 'the request headers are too large'],
};
/**
 * Fastify's `clientErrorHandler`: a request that times out or is not HTTP is
 * answered with a problem document written to the socket, which is then closed.
 */
const answerConnectionError = (error, socket) => {
    if (error.code === 'ECONNRESET' || socket.destroyed)
        return;
    const [status, code, detail] = CONNECTION_ERRORS[error.code ?? ''] ?? [400, 'bad-request', 'the request is not valid HTTP/1.1'];
    const body = JSON.stringify((0, problem_1.problem)(status, code, detail));
    // Once an answer has begun on this connection, a second one would corrupt it: only close.
    const answering = socket._httpMessage?.headersSent === true;
    if (socket.writable && !answering) {
        socket.write(`HTTP/1.1 ${status} ${problem_1.STATUS_TITLES[status]}\r\nContent-Type: ${problem_1.PROBLEM_CONTENT_TYPE}\r\n` +
            `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    }
    socket.destroy(error);
};
exports.answerConnectionError = answerConnectionError;
//# sourceMappingURL=problem.filter.js.map