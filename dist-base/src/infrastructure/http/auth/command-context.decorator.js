"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Provenance = exports.correlationIdOf = void 0;
const common_1 = require("@nestjs/common");
const problem_1 = require("../problem/problem");
const CORRELATION_ID = /^[A-Za-z0-9._:\-]{1,128}$/;
/** The X-Correlation-Id the caller sent, else this request's id; undefined when the header is malformed. */
const correlationIdOf = (request) => {
    const header = request.headers['x-correlation-id'];
    if (header === undefined)
        return request.id;
    return typeof header === 'string' && CORRELATION_ID.test(header) ? header : undefined;
};
exports.correlationIdOf = correlationIdOf;
/**
 * Provenance of a command: the actor from the key, the correlation id the
 * caller sent in X-Correlation-Id (or this request's id), and this request's
 * id as the causation id.
 */
exports.Provenance = (0, common_1.createParamDecorator)((_, context) => {
    const request = context.switchToHttp().getRequest();
    const correlationId = (0, exports.correlationIdOf)(request);
    if (correlationId === undefined) {
        throw new problem_1.BadInput([{ field: 'X-Correlation-Id', message: 'must be 1 to 128 letters, digits or . _ : -' }]);
    }
    const { keyId, role, library } = request.principal;
    return {
        actor: { keyId, role, ...(library ? { library } : {}) },
        correlationId,
        causationId: request.id,
        ...(request.idempotencySeed ? { idempotencySeed: request.idempotencySeed } : {}),
    };
});
//# sourceMappingURL=command-context.decorator.js.map