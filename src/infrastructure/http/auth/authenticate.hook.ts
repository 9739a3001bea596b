import { HttpException, UnauthorizedException } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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
 * A refusal sent before the body is read closes the connection when a body
 * was announced: left open, it would wait for that body, and a client that
 * never sent it got a second answer, an unasked-for 408, at the request
 * timeout.
 */
const closingUnreadBody = (request: FastifyRequest, reply: FastifyReply): FastifyReply =>
  Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined ? reply.header('connection', 'close') : reply;

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
      return sendProblem(request, closingUnreadBody(request, reply), new HttpException('too many failed authentications from this address; retry later', 429));
    }
    const principal = await principalOf(access, request.headers.authorization);
    if (principal instanceof UnauthorizedException) {
      failures.record(request.ip);
      return sendProblem(request, closingUnreadBody(request, reply), principal);
    }
    request.principal = principal;
  });
};
