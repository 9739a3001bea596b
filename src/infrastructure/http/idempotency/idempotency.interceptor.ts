import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, RequestMethod, SetMetadata, type Type } from '@nestjs/common';
import { HTTP_CODE_METADATA, INTERCEPTORS_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hash } from 'node:crypto';
import { from, lastValueFrom, mergeMap, Observable, of } from 'rxjs';
import canonicalize from 'canonicalize';
import type { Principal } from '../../../application/access/access.service';
import { LedgerMetrics } from '../../../application/operations/ledger-metrics';
import { CLOCK, type Clock } from '../../../application/ports/clock.port';
import { IDEMPOTENCY_STORE, type IdempotencyStore, type StoredAnswer } from '../../../application/ports/idempotency-store.port';
import { BadInput, problem, type Problem } from '../problem/problem';
import { ReplayedProblem } from './replayed-problem';
import { toProblem } from '../problem/problem.filter';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;
const NOT_IDEMPOTENT = 'ledger:not-idempotent';

/** For a POST whose answer must not be kept (it holds a secret shown once). */
export const NotIdempotent = () => SetMetadata(NOT_IDEMPOTENT, true);

/** Failures that say nothing final about the command: a retry must run it again. */
const TRANSIENT = new Set(['concurrent-change', 'shutting-down']);

type Request = FastifyRequest & { principal?: Principal; idempotencySeed?: string };

/**
 * Idempotency-Key on every command: the first request with a key runs and its
 * answer is kept (durably, per API key); a retry with the same key and body
 * gets the same status and body and writes nothing; the same key with another
 * body is refused with 422. Retries that arrive while the first is still
 * running wait for it instead of running twice.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly inflight = new Map<string, Promise<StoredAnswer>>();

  constructor(
    @Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly reflector: Reflector,
    private readonly metrics: LedgerMetrics,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const key = request.headers[IDEMPOTENCY_HEADER];
    if (request.method !== 'POST' || key === undefined || !request.principal) return next.handle();
    if (this.reflector.get<boolean>(NOT_IDEMPOTENT, context.getHandler())) return next.handle();
    if (typeof key !== 'string' || !KEY_FORMAT.test(key)) {
      throw new BadInput([{ field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' }]);
    }
    const scope = request.principal.keyId;
    const digest = sha256(canonicalize({ method: request.method, url: request.url, body: request.body ?? null }) as string);
    const id = `${scope}\n${key}`;
    let pending = this.inflight.get(id);
    if (!pending) {
      // The request is part of the seed: a key reused for another request after its answer was
      // purged must not derive the ids of the first one (and be mistaken for a retry of it).
      request.idempotencySeed = sha256(`${id}\n${digest}`);
      pending = this.run(scope, key, digest, context, next).finally(() => this.inflight.delete(id));
      this.inflight.set(id, pending);
    } else {
      this.metrics.idempotentReplay();
    }
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return from(pending).pipe(mergeMap((answer) => this.answer(answer, digest, reply)));
  }

  private async run(scope: string, key: string, digest: string, context: ExecutionContext, next: CallHandler): Promise<StoredAnswer> {
    const kept = await this.store.find(scope, key);
    if (kept) {
      this.metrics.idempotentReplay();
      return kept;
    }
    let answer: StoredAnswer;
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      const status = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
      answer = { requestDigest: digest, status, body, createdAt: this.clock.now().toISOString() };
    } catch (error) {
      const failure = toProblem(error);
      if (failure.status >= 500 || TRANSIENT.has(failure.code)) throw error;
      answer = { requestDigest: digest, status: failure.status, body: failure, createdAt: this.clock.now().toISOString() };
    }
    // Another instance may have answered the same retry at the same moment: every caller gets the answer kept.
    return this.store.save(scope, key, answer);
  }

  private answer(answer: StoredAnswer, digest: string, reply: FastifyReply): Observable<unknown> {
    if (answer.requestDigest !== digest) {
      throw new ReplayedProblem(
        problem(422, 'idempotency-key-reused', 'this Idempotency-Key was used with another request; use a new key for a new request', {
          errors: [{ field: 'Idempotency-Key', message: 'already used with another request' }],
        }),
      );
    }
    if (answer.status >= 400) throw new ReplayedProblem(answer.body as Problem);
    void reply.status(answer.status);
    return of(answer.body);
  }
}

/**
 * Puts the interceptor on every POST handler of `controllers`, and on nothing
 * else: a route with no interceptor at all skips Nest's per-request rxjs chain
 * (a profile of GET /v1/balances put about a tenth of its time there), and
 * only POSTs honour the header. Called before Nest reads the metadata; calling
 * it again changes nothing.
 */
export const onCommandRoutes = (controllers: readonly Type<unknown>[]): void => {
  for (const controller of controllers) {
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      if (Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.POST) continue;
      const interceptors = (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) ?? []) as unknown[];
      if (!interceptors.includes(IdempotencyInterceptor)) Reflect.defineMetadata(INTERCEPTORS_METADATA, [IdempotencyInterceptor, ...interceptors], handler);
    }
  }
};

const sha256 = (text: string) => hash('sha256', text, 'hex');
