import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { loadConfig } from '../../src/infrastructure/config/config';

type Service = {
  profiles?: string[];
  image?: string;
  build?: string;
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
};
type Compose = { services: Record<string, Service>; volumes: Record<string, unknown> };

const root = join(__dirname, '..', '..');
const text = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
const compose = parse(text, { merge: true }) as Compose;

/** The ledger service of each profile and what it must be configured with. */
const PROFILES = {
  embedded: { service: 'ledger', eventStore: 'sqlite', readStore: 'sqlite' },
  postgres: { service: 'ledger-postgres', eventStore: 'postgres', readStore: 'postgres' },
  eventstoredb: { service: 'ledger-esdb', eventStore: 'eventstoredb', readStore: 'sqlite' },
  'esdb-cluster': { service: 'ledger-esdb-cluster', eventStore: 'eventstoredb', readStore: 'sqlite' },
  instances: { service: 'ledger-instance-a', eventStore: 'postgres', readStore: 'postgres' },
} as const;

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema', () => {
    // Schema from compose-spec/compose-spec (schema/compose-spec.json, Apache-2.0).
    // Its $schema names draft-07 by an address Ajv does not know by that spelling; Ajv's default is draft-07.
    const { $schema: _draft, ...schema } = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'compose-spec.json'), 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const valid = ajv.validate(schema, compose);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it.each(Object.entries(PROFILES))('runs the ledger on %s with its own store', (profile, { service, eventStore, readStore }) => {
    const ledger = compose.services[service];
    expect(ledger.profiles).toEqual([profile]);
    expect(ledger.build).toBe('.');
    expect(ledger.environment?.EVENT_STORE).toBe(eventStore);
    expect(ledger.environment?.READ_STORE).toBe(readStore);
    expect(ledger.healthcheck?.test.join(' ')).toContain('/health/ready');
  });

  it('gives the postgres ledger a database the service accepts, for the log and the read models', () => {
    const env = compose.services[PROFILES.postgres.service].environment!;
    const url = env.DATABASE_URL!.replace('${POSTGRES_PASSWORD:-ledger}', 'ledger');
    expect(loadConfig({ ...env, DATABASE_URL: url, LEDGER_ADMIN_KEY: undefined })).toMatchObject({ eventStore: 'postgres', readStore: 'postgres', databaseUrl: url });
  });

  it.each(['eventstoredb', 'esdb-cluster'] as const)('gives the %s ledger a connection string the service accepts', (profile) => {
    const env = compose.services[PROFILES[profile].service].environment!;
    expect(loadConfig({ ...env, LEDGER_ADMIN_KEY: undefined })).toMatchObject({ eventStore: 'eventstoredb', esdbConnectionString: env.ESDB_CONNECTION_STRING });
  });

  it('starts each ledger only once the servers it needs answer their health check', () => {
    for (const { service } of Object.values(PROFILES)) {
      for (const [dependency, { condition }] of Object.entries(compose.services[service].depends_on ?? {})) {
        expect(condition).toBe('service_healthy');
        expect(compose.services[dependency].healthcheck).toBeDefined();
        expect(compose.services[dependency].profiles).toEqual(expect.arrayContaining(compose.services[service].profiles!));
      }
    }
  });

  it('runs two instances on one PostgreSQL schema, with one coordinator key and one seal key, each with its own data directory', () => {
    const [a, b] = [compose.services['ledger-instance-a'], compose.services['ledger-instance-b']];
    expect(b.profiles).toEqual(['instances']);
    expect(b.environment).toEqual(a.environment);
    expect(a.environment).toMatchObject({ EVENT_STORE: 'postgres', READ_STORE: 'postgres' });
    expect(a.environment?.LEDGER_ADMIN_KEY).toMatch(/^\$\{LEDGER_ADMIN_KEY:\?/);
    expect(a.environment?.LEDGER_SEAL_KEY).toMatch(/^\$\{LEDGER_SEAL_KEY:\?/);
    expect(a.volumes).not.toEqual(b.volumes);
    expect(b.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
  });

  it('keeps every server\'s data on a named volume', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      const mounts = service.volumes ?? [];
      expect([name, mounts.length]).not.toEqual([name, 0]);
      for (const mount of mounts) expect(Object.keys(compose.volumes)).toContain(mount.split(':')[0]);
    }
  });

  const composeCli = (() => {
    try {
      execFileSync('docker', ['compose', 'version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  (composeCli ? it : it.skip)('passes `docker compose config` (run only where the Compose plugin is installed)', () => {
    for (const profile of Object.keys(PROFILES)) {
      execFileSync('docker', ['compose', '--profile', profile, 'config', '--quiet'], { cwd: root, stdio: 'pipe' });
    }
  });
  if (!composeCli) {
    // eslint-disable-next-line no-console
    console.warn('*** SKIPPED: `docker compose config` (no Docker Compose plugin on this machine); the file was checked against the Compose schema instead. ***');
  }
});
