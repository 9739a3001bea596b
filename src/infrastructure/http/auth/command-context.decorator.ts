import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { CommandContext } from '../../../application/commands/command-context';
import type { Principal } from '../../../application/access/access.service';
import { BadInput } from '../problem/problem';

const CORRELATION_ID = /^[A-Za-z0-9._:\-]{1,128}$/;

/** The X-Correlation-Id the caller sent, else this request's id; undefined when the header is malformed. */
export const correlationIdOf = (request: FastifyRequest): string | undefined => {
  const header = request.headers['x-correlation-id'];
  if (header === undefined) return request.id;
  return typeof header === 'string' && CORRELATION_ID.test(header) ? header : undefined;
};

/**
 * Provenance of a command: the actor from the key, the correlation id the
 * caller sent in X-Correlation-Id (or this request's id), and this request's
 * id as the causation id.
 */
export const Provenance = createParamDecorator((_: unknown, context: ExecutionContext): CommandContext => {
  const request = context.switchToHttp().getRequest<FastifyRequest & { principal: Principal; idempotencySeed?: string }>();
  const correlationId = correlationIdOf(request);
  if (correlationId === undefined) {
    throw new BadInput([{ field: 'X-Correlation-Id', message: 'must be 1 to 128 letters, digits or . _ : -' }]);
  }
  const { keyId, role, library } = request.principal;
  return {
    actor: { keyId, role, ...(library ? { library } : {}) },
    correlationId,
    causationId: request.id,
    ...(request.idempotencySeed ? { idempotencySeed: request.idempotencySeed } : {}),
  };
});
