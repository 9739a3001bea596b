import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { loadConfig, type AppConfig } from '../../../src/infrastructure/config/config';
import { createHttpApp } from '../../../src/infrastructure/http/http-app';
import { ProjectionRunner } from '../../../src/application/projections/projection-runner';

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

/** The real service on a real SQLite file, listening on a loopback port. */
export const startLedger = async (dataDir = tempDataDir(), env: Record<string, string> = {}): Promise<RunningLedger> => {
  const config = loadConfig({ LEDGER_DATA_DIR: dataDir, LEDGER_ADMIN_KEY: ADMIN_KEY, LOG_LEVEL: 'warn', ...env });
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
      if (position !== null) await runner.waitFor(position);
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
