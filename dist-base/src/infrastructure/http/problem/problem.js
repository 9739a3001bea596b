"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BadInput = exports.problem = exports.STATUS_TITLES = exports.PROBLEM_CONTENT_TYPE = void 0;
exports.PROBLEM_CONTENT_TYPE = 'application/problem+json';
exports.STATUS_TITLES = {
    400: 'Bad request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not found',
    405: 'Method not allowed',
    408: 'Request timeout',
    409: 'Conflict',
    413: 'Payload too large',
    414: 'URI too long',
    415: 'Unsupported media type',
    422: 'Unprocessable content',
    429: 'Too many requests',
    431: 'Request header fields too large',
    500: 'Internal server error',
    503: 'Service unavailable',
};
const problem = (status, code, detail, extra = {}) => ({
    type: `urn:resource-sharing-ledger:problem:${code}`,
    title: exports.STATUS_TITLES[status] ?? 'Error',
    status,
    code,
    ...(detail === undefined ? {} : { detail }),
    ...extra,
});
exports.problem = problem;
/** Thrown by the HTTP layer for input that fails validation; carries every bad field. */
class BadInput extends Error {
    errors;
    constructor(errors) {
        super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
        this.errors = errors;
        this.name = 'BadInput';
    }
}
exports.BadInput = BadInput;
//# sourceMappingURL=problem.js.map