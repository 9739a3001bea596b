import { Inject, Injectable, SetMetadata } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hash } from 'node:crypto';
import type { Principal } from '../../../application/access/access.service';
import { canonicalJson } from '../../../application/event-store/hash-chain';
import { LedgerMetrics } from '../../../application/operations/ledger-metrics';
import { CLOCK, type Clock } from '../../../application/ports/clock.port';
import { IDEMPOTENCY_STORE, type IdempotencyStore, type StoredAnswer } from '../../../application/ports/idempotency-store.port';
import { BadInput, PROBLEM_CONTENT_TYPE, problem, type Problem } from '../problem/problem';
import { sendProblem } from '../problem/problem.filter';
import { ReplayedProblem } from './replayed-problem';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;
export const NOT_IDEMPOTENT = 'ledger:not-idempotent';

/** For a POST whose answer must not be kept (it holds a secret shown once). */
export const NotIdempotent = () => SetMetadata(NOT_IDEMPOTENT, true);

/**
 * Answers that say nothing final about the command, so a retry must run it
 * again: a failure of the service (5xx), the limiter's 429, and a change that
 * raced the command.
 */
const isFinal = ({ status, body }: Pick<StoredAnswer, 'status' | 'body'>): boolean =>
  status < 500 && status !== 429 && (body as Partial<Problem> | null)?.code !== 'concurrent-change';

const REUSED = new ReplayedProblem(
  problem(422, 'idempotency-key-reused', 'this Idempotency-Key was used with another request; use a new key for a new request', {
    errors: [{ field: 'Idempotency-Key', message: 'already used with another request' }],
  }),
);

/** The request that runs the command under a key, and the promise the retries arriving meanwhile wait on. */
type Run = Readonly<{
  scope: string;
  key: string;
  digest: string;
  answered: Promise<StoredAnswer>;
  settle: (answer: StoredAnswer) => void;
  fail: (error: unknown) => void;
}>;

const RUN = Symbol('idempotent run');
type Keyed = FastifyRequest & { principal?: Principal; idempotencySeed?: string; [RUN]?: Run };

/**
 * Idempotency-Key on every command: the first request with a key runs and its
 * answer is kept (durably, per API key); a retry with the same key and body
 * gets the same status and body and writes nothing; the same key with another
 * body is refused with 422. Retries that arrive while the first is still
 * running wait for it instead of running twice.
 *
 * Fastify hooks, not a Nest interceptor: an interceptor puts every POST
 * through Nest's rxjs chain and two AsyncResource.bind calls, whose wrappers
 * made about a quarter of the garbage a command left at 1,000 commands/s.
 * The key is looked up once the body is parsed (preHandler) and the answer
 * kept as it is sent (onSend), so guards and validation run inside: a
 * refusal by the role check or by validation is kept like any other answer,
 * and a kept answer is replayed before the rate limiter counts the request.
 */
@Injectable()
export class IdempotentAnswers {
  private readonly inflight = new Map<string, Run>();

  constructor(
    @Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: LedgerMetrics,
  ) {}

  /** On the routes named "POST /path" in `routes` (the keyed POSTs not marked @NotIdempotent). */
  install(fastify: FastifyInstance, routes: ReadonlySet<string>): void {
    // Callbacks, not async hooks: they run on every request, and a promise each is work for nothing.
    fastify.addHook('preHandler', (request: Keyed, reply, done) => {
      const key = request.headers[IDEMPOTENCY_HEADER];
      if (key === undefined || request.method !== 'POST' || !request.principal || !routes.has(`POST ${request.routeOptions.url}`)) return done();
      this.before(request, request.principal, key, reply).then(
        (runs) => runs && done(),
        (error: unknown) => void sendProblem(request, reply, error),
      );
    });
    fastify.addHook('onSend', (request: Keyed, reply, payload, done) => {
      const run = request[RUN];
      if (run === undefined) return done(null, payload);
      request[RUN] = undefined;
      this.keep(run, request, reply, payload).then(
        (sent) => done(null, sent),
        (error: unknown) => done(error as Error),
      );
    });
    // An answer that never passed onSend (the connection gone first) must not leave its retries waiting.
    fastify.addHook('onResponse', (request: Keyed, _reply, done) => {
      request[RUN]?.fail(new Error('the command was answered before its answer could be kept'));
      done();
    });
  }

  /** Replays a kept or running answer (false), or lets this request run the command (true). */
  private async before(request: Keyed, principal: Principal, key: string | string[], reply: FastifyReply): Promise<boolean> {
    if (typeof key !== 'string' || !KEY_FORMAT.test(key)) {
      throw new BadInput([{ field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' }]);
    }
    const scope = principal.keyId;
    const digest = sha256(canonicalJson({ method: request.method, url: request.url, body: request.body ?? null }));
    const id = `${scope}\n${key}`;
    const running = this.inflight.get(id);
    if (running) {
      this.metrics.idempotentReplay();
      this.replay(await running.answered, digest, request, reply);
      return false;
    }
    const run = started(scope, key, digest);
    this.inflight.set(id, run);
    const forget = () => this.inflight.delete(id);
    run.answered.then(forget, forget);
    let kept: StoredAnswer | null;
    try {
      kept = await this.store.find(scope, key);
    } catch (error) {
      run.fail(error);
      throw error;
    }
    if (kept) {
      this.metrics.idempotentReplay();
      run.settle(kept);
      this.replay(kept, digest, request, reply);
      return false;
    }
    // The request is part of the seed: a key reused for another request after its answer was
    // purged must not derive the ids of the first one (and be mistaken for a retry of it).
    request.idempotencySeed = sha256(`${id}\n${digest}`);
    request[RUN] = run;
    return true;
  }

  /** Keeps the answer being sent, when final, and sends the one kept (another instance's, should it have answered first). */
  private async keep(run: Run, request: Keyed, reply: FastifyReply, payload: unknown): Promise<unknown> {
    try {
      const answer: StoredAnswer = { requestDigest: run.digest, status: reply.statusCode, body: bodyOf(payload), createdAt: this.clock.now().toISOString() };
      const kept = isFinal(answer) ? await this.store.save(run.scope, run.key, answer) : answer;
      run.settle(kept);
      if (kept === answer) return payload;
      const { status, body } = kept.requestDigest === run.digest ? kept : { status: REUSED.problem.status, body: REUSED.problem };
      void reply.status(status).header('content-type', status >= 400 ? PROBLEM_CONTENT_TYPE : 'application/json; charset=utf-8');
      return JSON.stringify(status >= 400 ? { ...(body as Problem), instance: request.url } : body);
    } catch (error) {
      run.fail(error);
      throw error;
    }
  }

  /** Sends a kept answer to a request with `digest`: the same status and body, or 422 when the key was used with another request. */
  private replay(answer: StoredAnswer, digest: string, request: FastifyRequest, reply: FastifyReply): void {
    if (answer.requestDigest !== digest) void sendProblem(request, reply, REUSED);
    else if (answer.status >= 400) void sendProblem(request, reply, new ReplayedProblem(answer.body as Problem));
    else void reply.status(answer.status).send(answer.body);
  }
}

const started = (scope: string, key: string, digest: string): Run => {
  let settle!: (answer: StoredAnswer) => void;
  let fail!: (error: unknown) => void;
  const answered = new Promise<StoredAnswer>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  return { scope, key, digest, answered, settle, fail };
};

/** A command's answer as sent: JSON (every command answers JSON), or nothing. */
const bodyOf = (payload: unknown): unknown => {
  if (typeof payload !== 'string' || payload === '') return null;
  try {
    return JSON.parse(payload) as unknown;
  } catch {
    return payload;
  }
};

const sha256 = (text: string) => hash('sha256', text, 'hex');
