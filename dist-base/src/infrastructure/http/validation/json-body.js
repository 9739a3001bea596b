"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseJsonBodiesWithDepthLimit = exports.MAX_JSON_DEPTH = void 0;
const problem_1 = require("../problem/problem");
/** Deeper than any request the ledger takes; a body nested thousands deep would exhaust the stack of whatever walks it. */
exports.MAX_JSON_DEPTH = 32;
/** How deeply the arrays and objects of a JSON text nest, counted without parsing it (so without recursion). */
const nestingDepth = (text) => {
    let depth = 0;
    let deepest = 0;
    let inString = false;
    for (let i = 0; i < text.length; i++) {
        const char = text[i];
        if (inString) {
            if (char === '\\')
                i++;
            else if (char === '"')
                inString = false;
        }
        else if (char === '"')
            inString = true;
        else if (char === '{' || char === '[')
            deepest = Math.max(deepest, ++depth);
        else if (char === '}' || char === ']')
            depth--;
    }
    return deepest;
};
/**
 * The only body the service reads is JSON, parsed by Fastify's own parser
 * (which refuses `__proto__` and `constructor.prototype`) after a depth check,
 * so a deeply nested body is refused before anything recursive walks it.
 * Other media types are answered 415.
 */
const parseJsonBodiesWithDepthLimit = (app, bodyLimit) => {
    const parse = app.getHttpAdapter().getInstance().getDefaultJsonParser('error', 'error');
    app.useBodyParser('application/json', { bodyLimit }, (request, body, done) => {
        const text = body.toString('utf8');
        if (nestingDepth(text) > exports.MAX_JSON_DEPTH) {
            done(new problem_1.BadInput([{ field: 'body', message: `must not nest arrays and objects more than ${exports.MAX_JSON_DEPTH} deep` }]), undefined);
            return;
        }
        parse(request, text, done);
    });
};
exports.parseJsonBodiesWithDepthLimit = parseJsonBodiesWithDepthLimit;
//# sourceMappingURL=json-body.js.map