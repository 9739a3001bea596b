import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { loadConfig, type AppConfig } from '../../../src/infrastructure/config/config';
import { createHttpApp } from '../../../src/infrastructure/http/http-app';
import { ProjectionRunner } from '../../../src/application/projections/projection-runner';
import { TEST_DATABASE_URL, ensureTestDatabase } from '../../support/postgres';

export const ADMIN_KEY = 'test-coordinator-key-0123456789abcdef';

export const tempDataDir = (): string => mkdtempSync(join(tmpdir(), 'ledger-e2e-'));

export type RunningLedger = Readonly<{
  app: NestFastifyApplication;
  url: string;
  dataDir: string;
  config: AppConfig;
  http: () => request.Agent;
  /** Resolves once the read models have folded the event at `position`. */
  caughtUp: (position: string | null) => Promise<void>;
  stop: () => Promise<void>;
}>;

/**
 * `LEDGER_TEST_STORE=postgres` runs the service with its event store and read
 * models on the test PostgreSQL (see jest.config.js), in a schema of its own
 * per data directory: a restart on the same directory finds the same data,
 * and every schema a test file made is dropped after it.
 */
export const TEST_STORE: 'sqlite' | 'postgres' = process.env.LEDGER_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

const schemas = new Map<string, string>();

const storeEnv = async (dataDir: string, env: Record<string, string>): Promise<Record<string, string>> => {
  // A test that names its own stores (the migration from the file) keeps them.
  if (TEST_STORE === 'sqlite' || env.EVENT_STORE !== undefined || env.READ_STORE !== undefined) return {};
  let schema = schemas.get(dataDir);
  if (schema === undefined) {
    await ensureTestDatabase();
    schemas.set(dataDir, (schema = `e2e_${randomUUID().replace(/-/g, '').slice(0, 20)}`));
  }
  return { EVENT_STORE: 'postgres', READ_STORE: 'postgres', DATABASE_URL: TEST_DATABASE_URL, LEDGER_PG_SCHEMA: schema };
};

if (TEST_STORE === 'postgres') {
  afterAll(async () => {
    if (schemas.size === 0) return;
    const { Pool } = await import('pg');
    const admin = new Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
    for (const schema of schemas.values()) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
    schemas.clear();
  });
}

/** The real service on a real SQLite file (or on PostgreSQL, see TEST_STORE), listening on a loopback port. */
export const startLedger = async (dataDir = tempDataDir(), env: Record<string, string> = {}): Promise<RunningLedger> => {
  const config = loadConfig({ LEDGER_DATA_DIR: dataDir, LEDGER_ADMIN_KEY: ADMIN_KEY, LOG_LEVEL: 'warn', ...(await storeEnv(dataDir, env)), ...env });
  const app = await createHttpApp(config);
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  const runner = app.get(ProjectionRunner);
  return {
    app,
    url,
    dataDir,
    config,
    http: () => request.agent(url),
    caughtUp: async (position) => {
      // A hang guard, not a measure: a loaded machine may take seconds to fold a bulk load (more on PostgreSQL).
      if (position !== null) await runner.waitFor(position, 60_000);
    },
    stop: () => app.close(),
  };
};

export const removeDataDir = (dataDir: string) => rmSync(dataDir, { recursive: true, force: true });

export const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

/** Issues a librarian key for a library through the API, as a coordinator would. */
export const librarianKey = async (ledger: RunningLedger, isil: string): Promise<string> => {
  const response = await ledger.http().post('/v1/api-keys').set(bearer(ADMIN_KEY)).send({ role: 'librarian', isil });
  if (response.status !== 201) throw new Error(`could not issue a key for ${isil}: ${response.status} ${response.text}`);
  return response.body.key as string;
};
