import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { problem, PROBLEM_CONTENT_TYPE } from '../problem/problem';

/** The nearest folder up from here with a package.json: the repository, or /app in the image. */
const packageRoot = (from: string): string => (existsSync(join(from, 'package.json')) || dirname(from) === from ? from : packageRoot(dirname(from)));

/**
 * Where `npm run build` puts the page (vite, from web/): dist/web at the
 * package root, whether this file runs from src (tests), dist or a bench build.
 */
export const DASHBOARD_DIR = join(packageRoot(__dirname), 'dist', 'web');

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
export const serveDashboard = async (app: NestFastifyApplication, root = DASHBOARD_DIR): Promise<void> => {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/dashboard', (_request, reply) => reply.redirect('/dashboard/'));
  if (!existsSync(join(root, 'index.html'))) {
    // Started from a clone whose page was never built: say so rather than 404.
    fastify.get('/dashboard/*', (_request, reply) =>
      reply.code(503).type(PROBLEM_CONTENT_TYPE).send(problem(503, 'dashboard-not-built', 'the dashboard is not built: run npm run build')),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/dashboard/',
    // Swagger UI registered @fastify/static first and decorated the reply.
    decorateReply: false,
    setHeaders: (reply) => {
      void reply.headers({ 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
    },
  });
};
