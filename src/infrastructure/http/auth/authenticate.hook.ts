import { HttpException, UnauthorizedException } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccessService, Principal } from '../../../application/access/access.service';
import { sendProblem } from '../problem/problem.filter';
import type { FailedAuthentications } from './failed-authentications';

const BEARER = /^Bearer\s+(\S{1,512})$/i;

const principalOf = async (access: AccessService, header: string | undefined): Promise<Principal | UnauthorizedException> => {
  const match = typeof header === 'string' ? BEARER.exec(header) : null;
  if (!match) return new UnauthorizedException('send an API key as "Authorization: Bearer <key>"');
  return (await access.authenticate(match[1])) ?? new UnauthorizedException('the API key is unknown or has been revoked');
};

/**
 * The key is checked as soon as the route is known, before the body is read,
 * so a caller without a valid key costs no parsing; an address that fails too
 * often is refused (429) before its key is even looked up. Routes are named
 * "METHOD /path/:param", as declared; a HEAD is its GET.
 */
export const authenticateBeforeBody = (
  fastify: FastifyInstance,
  access: AccessService,
  failures: FailedAuthentications,
  keyedRoutes: ReadonlySet<string>,
): void => {
  fastify.addHook('onRequest', async (request: FastifyRequest & { principal?: Principal }, reply) => {
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    if (!keyedRoutes.has(`${method} ${request.routeOptions.url}`)) return;
    const wait = failures.retryAfterSeconds(request.ip);
    if (wait > 0) {
      void reply.header('retry-after', String(wait));
      return sendProblem(request, reply, new HttpException('too many failed authentications from this address; retry later', 429));
    }
    const principal = await principalOf(access, request.headers.authorization);
    if (principal instanceof UnauthorizedException) {
      failures.record(request.ip);
      return sendProblem(request, reply, principal);
    }
    request.principal = principal;
  });
};
