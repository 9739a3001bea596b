"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.authenticateBeforeBody = void 0;
const common_1 = require("@nestjs/common");
const problem_filter_1 = require("../problem/problem.filter");
const BEARER = /^Bearer\s+(\S{1,512})$/i;
const principalOf = async (access, header) => {
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    if (!match)
        return new common_1.UnauthorizedException('send an API key as "Authorization: Bearer <key>"');
    return (await access.authenticate(match[1])) ?? new common_1.UnauthorizedException('the API key is unknown or has been revoked');
};
/**
 * The key is checked as soon as the route is known, before the body is read,
 * so a caller without a valid key costs no parsing; an address that fails too
 * often is refused (429) before its key is even looked up. Routes are named
 * "METHOD /path/:param", as declared; a HEAD is its GET.
 */
const authenticateBeforeBody = (fastify, access, failures, keyedRoutes) => {
    fastify.addHook('onRequest', async (request, reply) => {
        const method = request.method === 'HEAD' ? 'GET' : request.method;
        if (!keyedRoutes.has(`${method} ${request.routeOptions.url}`))
            return;
        const wait = failures.retryAfterSeconds(request.ip);
        if (wait > 0) {
            void reply.header('retry-after', String(wait));
            return (0, problem_filter_1.sendProblem)(request, reply, new common_1.HttpException('too many failed authentications from this address; retry later', 429));
        }
        const principal = await principalOf(access, request.headers.authorization);
        if (principal instanceof common_1.UnauthorizedException) {
            failures.record(request.ip);
            return (0, problem_filter_1.sendProblem)(request, reply, principal);
        }
        request.principal = principal;
    });
};
exports.authenticateBeforeBody = authenticateBeforeBody;
//# sourceMappingURL=authenticate.hook.js.map