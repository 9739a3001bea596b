"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.serveDashboard = exports.DASHBOARD_DIR = void 0;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const static_1 = __importDefault(require("@fastify/static"));
const problem_1 = require("../problem/problem");
/** The nearest folder up from here with a package.json: the repository, or /app in the image. */
const packageRoot = (from) => ((0, node_fs_1.existsSync)((0, node_path_1.join)(from, 'package.json')) || (0, node_path_1.dirname)(from) === from ? from : packageRoot((0, node_path_1.dirname)(from)));
/**
 * Where `npm run build` puts the page (vite, from web/): dist/web at the
 * package root, whether this file runs from src (tests), dist or a bench build.
 */
exports.DASHBOARD_DIR = (0, node_path_1.join)(packageRoot(__dirname), 'dist', 'web');
/**
 * The page only talks to this service's own API; nothing inline, nothing
 * from elsewhere, never framed. The key it holds stays in the tab.
 */
const CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
/**
 * Serves the coordinator's dashboard at /dashboard/ from the built files.
 * The page is public like any static file: every figure it shows comes from
 * the /v1 API with the key the user pastes, and answers to that key's role.
 */
const serveDashboard = async (app, root = exports.DASHBOARD_DIR) => {
    const fastify = app.getHttpAdapter().getInstance();
    fastify.get('/dashboard', (_request, reply) => reply.redirect('/dashboard/'));
    if (!(0, node_fs_1.existsSync)((0, node_path_1.join)(root, 'index.html'))) {
        // Started from a clone whose page was never built: say so rather than 404.
        fastify.get('/dashboard/*', (_request, reply) => reply.code(503).type(problem_1.PROBLEM_CONTENT_TYPE).send((0, problem_1.problem)(503, 'dashboard-not-built', 'the dashboard is not built: run npm run build')));
        return;
    }
    await app.register(static_1.default, {
        root,
        prefix: '/dashboard/',
        // Swagger UI registered @fastify/static first and decorated the reply.
        decorateReply: false,
        setHeaders: (reply) => {
            void reply.headers({ 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
        },
    });
};
exports.serveDashboard = serveDashboard;
//# sourceMappingURL=dashboard.static.js.map