"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.IdempotentAnswers = exports.NotIdempotent = exports.NOT_IDEMPOTENT = exports.IDEMPOTENCY_HEADER = void 0;
const common_1 = require("@nestjs/common");
const node_crypto_1 = require("node:crypto");
const canonicalize_1 = __importDefault(require("canonicalize"));
const ledger_metrics_1 = require("../../../application/operations/ledger-metrics");
const clock_port_1 = require("../../../application/ports/clock.port");
const idempotency_store_port_1 = require("../../../application/ports/idempotency-store.port");
const problem_1 = require("../problem/problem");
const problem_filter_1 = require("../problem/problem.filter");
const replayed_problem_1 = require("./replayed-problem");
exports.IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;
exports.NOT_IDEMPOTENT = 'ledger:not-idempotent';
/** For a POST whose answer must not be kept (it holds a secret shown once). */
const NotIdempotent = () => (0, common_1.SetMetadata)(exports.NOT_IDEMPOTENT, true);
exports.NotIdempotent = NotIdempotent;
/**
 * Answers that say nothing final about the command, so a retry must run it
 * again: a failure of the service (5xx), the limiter's 429, and a change that
 * raced the command.
 */
const isFinal = ({ status, body }) => status < 500 && status !== 429 && body?.code !== 'concurrent-change';
const REUSED = new replayed_problem_1.ReplayedProblem((0, problem_1.problem)(422, 'idempotency-key-reused', 'this Idempotency-Key was used with another request; use a new key for a new request', {
    errors: [{ field: 'Idempotency-Key', message: 'already used with another request' }],
}));
const RUN = Symbol('idempotent run');
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
let IdempotentAnswers = class IdempotentAnswers {
    store;
    clock;
    metrics;
    inflight = new Map();
    constructor(store, clock, metrics) {
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
    }
    /** On the routes named "POST /path" in `routes` (the keyed POSTs not marked @NotIdempotent). */
    install(fastify, routes) {
        // Callbacks, not async hooks: they run on every request, and a promise each is work for nothing.
        fastify.addHook('preHandler', (request, reply, done) => {
            const key = request.headers[exports.IDEMPOTENCY_HEADER];
            if (key === undefined || request.method !== 'POST' || !request.principal || !routes.has(`POST ${request.routeOptions.url}`))
                return done();
            this.before(request, request.principal, key, reply).then((runs) => runs && done(), (error) => void (0, problem_filter_1.sendProblem)(request, reply, error));
        });
        fastify.addHook('onSend', (request, reply, payload, done) => {
            const run = request[RUN];
            if (run === undefined)
                return done(null, payload);
            request[RUN] = undefined;
            this.keep(run, request, reply, payload).then((sent) => done(null, sent), (error) => done(error));
        });
        // An answer that never passed onSend (the connection gone first) must not leave its retries waiting.
        fastify.addHook('onResponse', (request, _reply, done) => {
            request[RUN]?.fail(new Error('the command was answered before its answer could be kept'));
            done();
        });
    }
    /** Replays a kept or running answer (false), or lets this request run the command (true). */
    async before(request, principal, key, reply) {
        if (typeof key !== 'string' || !KEY_FORMAT.test(key)) {
            throw new problem_1.BadInput([{ field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' }]);
        }
        const scope = principal.keyId;
        const digest = sha256((0, canonicalize_1.default)({ method: request.method, url: request.url, body: request.body ?? null }));
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
        let kept;
        try {
            kept = await this.store.find(scope, key);
        }
        catch (error) {
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
    async keep(run, request, reply, payload) {
        try {
            const answer = { requestDigest: run.digest, status: reply.statusCode, body: bodyOf(payload), createdAt: this.clock.now().toISOString() };
            const kept = isFinal(answer) ? await this.store.save(run.scope, run.key, answer) : answer;
            run.settle(kept);
            if (kept === answer)
                return payload;
            const { status, body } = kept.requestDigest === run.digest ? kept : { status: REUSED.problem.status, body: REUSED.problem };
            void reply.status(status).header('content-type', status >= 400 ? problem_1.PROBLEM_CONTENT_TYPE : 'application/json; charset=utf-8');
            return JSON.stringify(status >= 400 ? { ...body, instance: request.url } : body);
        }
        catch (error) {
            run.fail(error);
            throw error;
        }
    }
    /** Sends a kept answer to a request with `digest`: the same status and body, or 422 when the key was used with another request. */
    replay(answer, digest, request, reply) {
        if (answer.requestDigest !== digest)
            void (0, problem_filter_1.sendProblem)(request, reply, REUSED);
        else if (answer.status >= 400)
            void (0, problem_filter_1.sendProblem)(request, reply, new replayed_problem_1.ReplayedProblem(answer.body));
        else
            void reply.status(answer.status).send(answer.body);
    }
};
exports.IdempotentAnswers = IdempotentAnswers;
exports.IdempotentAnswers = IdempotentAnswers = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(idempotency_store_port_1.IDEMPOTENCY_STORE)),
    __param(1, (0, common_1.Inject)(clock_port_1.CLOCK)),
    __metadata("design:paramtypes", [Object, Object, ledger_metrics_1.LedgerMetrics])
], IdempotentAnswers);
const started = (scope, key, digest) => {
    let settle;
    let fail;
    const answered = new Promise((resolve, reject) => {
        settle = resolve;
        fail = reject;
    });
    return { scope, key, digest, answered, settle, fail };
};
/** A command's answer as sent: JSON (every command answers JSON), or nothing. */
const bodyOf = (payload) => {
    if (typeof payload !== 'string' || payload === '')
        return null;
    try {
        return JSON.parse(payload);
    }
    catch {
        return payload;
    }
};
const sha256 = (text) => (0, node_crypto_1.hash)('sha256', text, 'hex');
//# sourceMappingURL=idempotency.js.map