import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Duplex } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type DomainErrorKind } from '../../../domain/shared/errors';
import { ConcurrencyError, DuplicateEventError, StoreClosedError, StoreFailedError } from '../../../application/ports/event-store.port';
import { InvalidCursor } from '../../../application/ports/read-store.port';
import { ReadModelsBehind } from '../../../application/projections/read-models-behind';
import { BeyondHead } from '../../../application/ledger/beyond-head';
import { NotInThisLog } from '../../../application/subscriptions/resume-point';
import { ReplayedProblem } from '../idempotency/replayed-problem';
import { BadInput, PROBLEM_CONTENT_TYPE, STATUS_TITLES, TooManyAtOnce, problem, type Problem } from './problem';

const STATUS_OF: Record<DomainErrorKind, number> = { rule: 409, forbidden: 403, 'not-found': 404, invalid: 400 };

const kebab = (text: string) =>
  text
    .replace(/^FST_(ERR_)?/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** The part of the request a Fastify error is about, named as a field. */
const fastifyField = (status: number, code: string): string | undefined => {
  if (status === 413 || /JSON|BODY/.test(code)) return 'body';
  if (/URL|PARAM/.test(code)) return 'path';
  return undefined;
};

const BODY_STATUS_FIELDS: Record<number, string> = { 400: 'body', 413: 'body', 415: 'Content-Type' };

/** The one mapping from every failure to a problem document. */
export const toProblem = (error: unknown): Problem => {
  if (error instanceof ReplayedProblem) return error.problem;
  if (error instanceof BadInput) {
    return problem(400, 'validation-failed', error.message, { errors: error.errors });
  }
  if (error instanceof DomainError) {
    const status = STATUS_OF[error.kind];
    return problem(status, error.code, error.message, error.field ? { errors: [{ field: error.field, message: error.message }] } : {});
  }
  if (error instanceof ConcurrencyError) {
    return problem(409, 'concurrent-change', 'the record changed while the command was being decided; read it again and retry');
  }
  if (error instanceof DuplicateEventError) return problem(409, 'duplicate-event', error.message);
  if (error instanceof InvalidCursor) {
    return problem(400, 'invalid-cursor', error.message, { errors: [{ field: 'cursor', message: error.message }] });
  }
  if (error instanceof StoreClosedError) return problem(503, 'shutting-down', 'the service is shutting down; retry shortly');
  if (error instanceof StoreFailedError) return problem(503, 'store-failed', error.message);
  if (error instanceof TooManyAtOnce) return problem(429, error.code, error.message);
  if (error instanceof BeyondHead) return problem(409, 'beyond-head', error.message, { head: error.head, now: error.now });
  if (error instanceof NotInThisLog) return problem(409, 'not-in-this-log', error.message, { head: error.head });
  if (error instanceof ReadModelsBehind) return problem(503, 'read-models-behind', error.message, { reached: error.reached });
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const detail = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? error.message);
    // Health checks answer 503 with the state of each check: keep it for the operator.
    const details = typeof body === 'object' && 'details' in body ? { details: body.details } : {};
    // Fastify refuses bodies (empty, not JSON, too large, wrong media type) before any DTO sees them.
    const field = BODY_STATUS_FIELDS[status];
    const errors = field ? { errors: [{ field, message: String(detail) }] } : {};
    return problem(status, kebab(STATUS_TITLES[status] ?? error.name.replace(/Exception$/, '')), String(detail), { ...details, ...errors });
  }
  // Errors raised by Fastify itself (body too large, malformed JSON, bad content type, bad URL) carry their status.
  const status = (error as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = String((error as { code?: unknown }).code ?? '');
    const message = (error as Error).message;
    const field = fastifyField(status, code);
    return problem(status, code ? kebab(code) : 'bad-request', message, field ? { errors: [{ field, message }] } : {});
  }
  return problem(500, 'internal', 'an unexpected error occurred; it has been logged');
};

const logger = new Logger('Problem');

/** Answers a request with the problem document for `error`, the one way every refusal is sent. */
export const sendProblem = (request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply => {
  const body = { ...toProblem(error), instance: request.url };
  // A store that failed is the operator's to see at once, though the client is told to come back later.
  if ((body.status >= 500 && body.status !== 503) || error instanceof StoreFailedError) {
    logger.error({ reqId: request.id }, error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
  if (body.status === 401) void reply.header('www-authenticate', 'Bearer realm="resource-sharing-ledger"');
  if (body.status === 503) void reply.header('retry-after', '1');
  if (error instanceof TooManyAtOnce) void reply.header('retry-after', String(error.retryAfterSeconds));
  return reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
};

@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    void sendProblem(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), error);
  }
}

/** Errors Node raises on a connection before Fastify has a request to answer. */
const CONNECTION_ERRORS: Readonly<Record<string, [number, string, string]>> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request-timeout', 'the request (headers and body) was not received in time'],
  HPE_HEADER_OVERFLOW: [431, 'headers-too-large', 'the request headers are too large'],
};

/** The part of a request Node's HTTP parser (llhttp) refused, by its error code; any other is named `request`. */
const UNPARSED_PARTS: Readonly<Record<string, string>> = {
  HPE_INVALID_METHOD: 'method',
  HPE_INVALID_URL: 'path',
  HPE_INVALID_VERSION: 'version',
  HPE_INVALID_HEADER_TOKEN: 'headers',
  HPE_HEADER_OVERFLOW: 'headers',
  HPE_LF_EXPECTED: 'headers',
  HPE_CR_EXPECTED: 'headers',
  HPE_INVALID_CONTENT_LENGTH: 'Content-Length',
  HPE_UNEXPECTED_CONTENT_LENGTH: 'Content-Length',
  HPE_INVALID_TRANSFER_ENCODING: 'Transfer-Encoding',
  HPE_INVALID_CHUNK_SIZE: 'body',
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 'body',
  HPE_INVALID_EOF_STATE: 'body',
};

/**
 * Fastify's `clientErrorHandler`: a request that times out or is not HTTP is
 * answered with a problem document written to the socket, which is then
 * closed. One that is not HTTP names the part the parser refused, as every
 * other bad input names its field, with the parser's reason.
 */
export const answerConnectionError = (error: Error & { code?: string; reason?: unknown }, socket: Duplex): void => {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = CONNECTION_ERRORS[error.code ?? ''];
  const reason = typeof error.reason === 'string' && error.reason !== '' ? `: ${error.reason}` : '';
  const [status, code, detail] = known ?? [400, 'bad-request', `the request is not valid HTTP/1.1${reason}`];
  const field = status === 408 ? undefined : (UNPARSED_PARTS[error.code ?? ''] ?? 'request');
  const body = JSON.stringify(problem(status, code, detail, field === undefined ? {} : { errors: [{ field, message: detail }] }));
  // Once an answer has begun on this connection, a second one would corrupt it: only close.
  const answering = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (socket.writable && !answering) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_TITLES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
};
