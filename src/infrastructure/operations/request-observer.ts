import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../application/access/access.service';
import { LedgerMetrics } from '../../application/operations/ledger-metrics';
import { correlationIdOf } from '../http/auth/command-context.decorator';

/**
 * One place sees every answered request, whoever answered it (a guard's 401
 * or 429 included): it counts it and writes its one log line. The line names
 * the key by its id; the key itself is never logged.
 */
@Injectable()
export class RequestObserver {
  constructor(private readonly metrics: LedgerMetrics) {}

  install(fastify: FastifyInstance): void {
    fastify.addHook('onResponse', (request, reply, done) => {
      try {
        this.answered(request, reply);
      } finally {
        done();
      }
    });
  }

  private answered(request: FastifyRequest & { principal?: Principal }, reply: FastifyReply): void {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    this.metrics.httpRequest(route, request.method, reply.statusCode, seconds);
    const line = {
      reqId: request.id,
      context: 'Http',
      event: 'http.request',
      correlationId: correlationIdOf(request) ?? request.id,
      keyId: request.principal?.keyId,
      method: request.method,
      route,
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 1000) / 1000,
    };
    // Straight to pino: Nest's Logger and the nestjs-pino wrappers around it cost every request a few copies of the line for nothing.
    PinoLogger.root.info(line, `${request.method} ${route} ${reply.statusCode}`);
  }
}
