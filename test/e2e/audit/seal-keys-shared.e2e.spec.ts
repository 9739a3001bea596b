import { generateKeyPairSync } from 'node:crypto';
import { SEAL_STREAM } from '../../../src/application/audit/seal';
import { EVENT_STORE, type EventStore } from '../../../src/application/ports/event-store.port';
import { ADMIN_KEY, bearer, removeDataDir, startLedger, tempDataDir, type RunningLedger } from '../support/ledger-app';
import { freshSchema, TEST_DATABASE_URL, type TestSchema } from '../../support/postgres';
import { AUDIT_ENV } from './audit-support';

const pem = () => generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

/**
 * Instances on one PostgreSQL log, each with a seal key of its own (one
 * rotated, or one added with a new key): a seal signed by any of them must
 * verify on every one, whichever instance an auditor's request reaches.
 */
describe('seal keys shared by the instances of one PostgreSQL log', () => {
  let db: TestSchema;
  const dataDirs: string[] = [];
  const running: RunningLedger[] = [];
  const [first, second] = [pem(), pem()];

  const start = async (sealKey: string, dataDir = tempDataDir()) => {
    if (!dataDirs.includes(dataDir)) dataDirs.push(dataDir);
    const ledger = await startLedger(dataDir, {
      ...AUDIT_ENV,
      EVENT_STORE: 'postgres',
      READ_STORE: 'postgres',
      DATABASE_URL: TEST_DATABASE_URL,
      LEDGER_PG_SCHEMA: db.schema,
      LEDGER_SEAL_KEY: sealKey,
    });
    running.push(ledger);
    return ledger;
  };
  const stop = async (ledger: RunningLedger) => {
    running.splice(running.indexOf(ledger), 1);
    await ledger.stop();
  };
  const get = (ledger: RunningLedger, path: string) => ledger.http().get(path).set(bearer(ADMIN_KEY));
  const register = async (ledger: RunningLedger, isil: string) =>
    expect((await ledger.http().post('/v1/partners').set(bearer(ADMIN_KEY)).send({ isil, name: `Library ${isil}` })).status).toBe(201);
  const sealKids = async (ledger: RunningLedger) =>
    (await ledger.app.get<EventStore>(EVENT_STORE).readStream(SEAL_STREAM)).map((seal) => (seal.data as { keyId: string }).keyId);

  beforeAll(async () => (db = await freshSchema()));
  afterAll(async () => {
    for (const ledger of running.splice(0)) await ledger.stop();
    for (const dir of dataDirs) removeDataDir(dir);
    await db.drop();
  });

  it('verifies on each instance the seals the other signed, and each publishes both keys', async () => {
    const firstDir = tempDataDir();
    const a = await start(first, firstDir);
    await register(a, 'SE-FIRST');
    await stop(a); // the last seal, signed with the first key

    const b = await start(second);
    await register(b, 'SE-SECOND');
    const onB = (await get(b, '/v1/audit/verify')).body;
    expect(onB).toMatchObject({ verified: true, seals: 1 });
    const kids = (await get(b, '/v1/audit/keys')).body.keys.map((key: { kid: string }) => key.kid);
    expect(kids).toHaveLength(2);
    await stop(b); // a seal signed with the second key

    const again = await start(first, firstDir);
    expect((await get(again, '/v1/audit/verify')).body).toMatchObject({ verified: true, seals: 2 });
    expect((await get(again, '/v1/audit/keys')).body.keys.map((key: { kid: string }) => key.kid)).toEqual(kids);
    expect(new Set(await sealKids(again)).size).toBe(2);
  });
});
