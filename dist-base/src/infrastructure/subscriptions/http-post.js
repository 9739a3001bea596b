"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.postPayload = void 0;
const node_http_1 = require("node:http");
const node_https_1 = require("node:https");
const failure = (error, status = null, response = null) => ({ ok: false, status, error, response });
/**
 * POSTs a payload and reports what the receiver answered: ok for any 2xx.
 * Never throws; a timeout, a refused address or a reset is a failed outcome.
 */
const postPayload = (url, headers, body, options) => {
    let target;
    try {
        target = options.destinations.parse(url, 'url');
    }
    catch (error) {
        return Promise.resolve(failure(error.message));
    }
    const refused = options.destinations.refuseLiteral(target);
    if (refused)
        return Promise.resolve(failure(refused));
    const send = target.protocol === 'https:' ? node_https_1.request : node_http_1.request;
    const requestOptions = {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: options.destinations.lookup,
        signal: AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]),
    };
    return new Promise((resolve) => {
        const req = send(target, requestOptions, (res) => {
            const chunks = [];
            let kept = 0;
            res.on('data', (chunk) => {
                if (kept < options.maxResponseBytes)
                    chunks.push(chunk.subarray(0, options.maxResponseBytes - kept));
                kept += chunk.length;
            });
            res.on('end', () => {
                const status = res.statusCode ?? null;
                const response = Buffer.concat(chunks).toString('utf8');
                const ok = status !== null && status >= 200 && status < 300;
                resolve({ ok, status, error: ok ? null : `the receiver answered ${status}`, response });
            });
            res.on('error', (error) => resolve(failure(error.message, res.statusCode ?? null)));
        });
        req.on('error', (error) => resolve(failure(error.name === 'AbortError' || error.name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms or stopped` : error.message)));
        req.end(body);
    });
};
exports.postPayload = postPayload;
//# sourceMappingURL=http-post.js.map