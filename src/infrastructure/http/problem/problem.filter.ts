import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type DomainErrorKind } from '../../../domain/shared/errors';
import { ConcurrencyError, DuplicateEventError, StoreClosedError } from '../../../application/ports/event-store.port';
import { InvalidCursor } from '../../../application/ports/read-store.port';
import { ReadModelsBehind } from '../../../application/projections/read-models-behind';
import { BeyondHead } from '../../../application/ledger/beyond-head';
import { ReplayedProblem } from '../idempotency/replayed-problem';
import { BadInput, PROBLEM_CONTENT_TYPE, STATUS_TITLES, problem, type Problem } from './problem';

const STATUS_OF: Record<DomainErrorKind, number> = { rule: 409, forbidden: 403, 'not-found': 404, invalid: 400 };

const kebab = (text: string) =>
  text
    .replace(/^FST_(ERR_)?/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

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
  if (error instanceof BeyondHead) return problem(409, 'beyond-head', error.message, { head: error.head, now: error.now });
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
  // Errors raised by Fastify itself (body too large, malformed JSON, bad content type) carry their status.
  const status = (error as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = (error as { code?: unknown }).code;
    const field = status === 413 || String(code).includes('JSON') || String(code).includes('BODY') ? 'body' : undefined;
    const message = (error as Error).message;
    return problem(status, typeof code === 'string' ? kebab(code) : 'bad-request', message, field ? { errors: [{ field, message }] } : {});
  }
  return problem(500, 'internal', 'an unexpected error occurred; it has been logged');
};

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const body = { ...toProblem(error), instance: request.url };
    if (body.status >= 500 && body.status !== 503) {
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    if (body.status === 401) void reply.header('www-authenticate', 'Bearer realm="resource-sharing-ledger"');
    if (body.status === 503) void reply.header('retry-after', '1');
    void reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
  }
}
