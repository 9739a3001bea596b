import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Pool } from 'pg';
import { streams } from '../../src/application/cooperation/streams';
import { POSTINGS_PROJECTION, postingsProjection } from '../../src/application/ledger/postings.projection';
import { EVENT_STORE, type EventStore } from '../../src/application/ports/event-store.port';
import { READ_STORE, type ReadStore } from '../../src/application/ports/read-store.port';
import { ProjectionRunner } from '../../src/application/projections/projection-runner';
import { PG_POOL, SQLITE_DATABASE } from '../../src/infrastructure/tokens';
import { TEST_STORE } from './support/ledger-app';
import { PROBLEM } from './support/problems';
import { useLedger } from './support/use-ledger';
import { BORROWER, LENDER } from './support/world';

/** Services appended straight through the port before the rebuild, so that it has a log to fold while requests go on. */
const SEEDED = TEST_STORE === 'postgres' ? 5000 : 20_000;

// A hang guard: the seeding and the rebuild take a while on a busy machine, more on PostgreSQL.
jest.setTimeout(240_000);

type Item = { name: string; state: string; position: string | null; rebuild?: { requestedAt: string; position: string | null } };

describe('a read model rebuilt while the service runs', () => {
  const { ledger, world, get, post } = useLedger({ env: { LEDGER_RATE_LIMIT_PER_MINUTE: '1000000' } });
  const store = () => ledger().app.get<EventStore>(EVENT_STORE);

  /** A table's rows in the order they were written, as SQL gives them. */
  const rowsOf = async (table: string, order: string): Promise<unknown[]> => {
    if (TEST_STORE === 'postgres') {
      const pool = ledger().app.get<Pool>(PG_POOL);
      return (await pool.query(`SELECT * FROM "${ledger().config.pgSchema}"."${table}" ORDER BY ${order}`)).rows;
    }
    return ledger().app.get<Database>(SQLITE_DATABASE).prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all();
  };

  const render = async () => {
    const rendered = await post('/v1/services', world().keys[LENDER], { agreementId: world().agreementId, recipient: BORROWER, kind: 'training', units: 1 });
    expect(rendered.status).toBe(201);
    return rendered.body as { serviceId: string; position: string };
  };

  const postingsStatus = async (): Promise<Item> => {
    const listed = await get('/v1/projections');
    expect(listed.status).toBe(200);
    return (listed.body.items as Item[]).find((item) => item.name === POSTINGS_PROJECTION)!;
  };

  it('refuses a read model that does not exist with 404, writing nothing', async () => {
    const refused = await post('/v1/projections/nothing_such/rebuild', world().admin);
    expect({ status: refused.status, type: refused.headers['content-type'], code: refused.body.code }).toEqual({
      status: 404, type: expect.stringMatching(PROBLEM), code: 'projection-not-found',
    });
    expect(await ledger().app.get<ReadStore>(READ_STORE).rebuildRequests()).toEqual([]);
  });

  it('answers every balance from a whole read model while postings are rebuilt beside it, and switches in one equal to a fresh fold', async () => {
    // The hand-kept total: what the lender has provided in training, one unit per service.
    const first = await render();
    let total = 1;
    const [template] = await store().readStream(streams.service(first.serviceId));
    for (let seeded = 0; seeded < SEEDED; seeded += 500) {
      await Promise.all(
        Array.from({ length: 500 }, () => {
          const serviceId = randomUUID();
          const event = { eventId: randomUUID(), type: template.type, data: { ...template.data, serviceId }, metadata: template.metadata };
          return store().append(streams.service(serviceId), [event], 'no_stream');
        }),
      );
      total += 500;
    }

    const requested = await post(`/v1/projections/${POSTINGS_PROJECTION}/rebuild`, world().admin);
    expect({ status: requested.status, location: requested.headers.location }).toEqual({ status: 202, location: '/v1/projections' });
    expect(requested.body).toEqual({ projection: POSTINGS_PROJECTION, requestedAt: expect.any(String), progress: '/v1/projections' });
    expect(await postingsStatus()).toMatchObject({ state: 'rebuilding', rebuild: { requestedAt: requested.body.requestedAt } });

    const answers: string[] = [];
    let whileBuilding = 0;
    for (let round = 0; round < 5000; round++) {
      const status = await postingsStatus();
      const written = await render();
      total += 1;
      const balance = await get(`/v1/balances?partner=${LENDER}&unit=service:training&minPosition=${written.position}`);
      expect(balance.status).toBe(200);
      const line = (balance.body.balances as { partner: string; unit: string; balance: string }[]).find((l) => l.unit === 'service:training');
      answers.push(`${line?.balance} of ${total}`);
      // Never an answer from a read model half built: always the whole total.
      expect(Number(line?.balance)).toBe(total);
      if (status.rebuild?.position !== undefined && status.rebuild.position !== null) whileBuilding += 1;
      if (status.state === 'running' && status.rebuild === undefined) break;
    }
    const after = await postingsStatus();
    expect(after).toMatchObject({ state: 'running' });
    expect(after.rebuild).toBeUndefined();
    // The writes and reads above went on while the new read model was being folded.
    expect(whileBuilding).toBeGreaterThan(0);

    const head = (await store().headPosition())!;
    await ledger().caughtUp(head);
    const fresh = { ...postingsProjection, name: 'postings_fresh' };
    const folder = new ProjectionRunner(store(), ledger().app.get<ReadStore>(READ_STORE), [fresh]);
    await folder.init();
    await folder.rebuild();
    expect(folder.status().position).toBe(head);
    const promoted = await rowsOf(`rm_${POSTINGS_PROJECTION}`, 'seq');
    expect(promoted).toHaveLength(total);
    expect(promoted).toEqual(await rowsOf('rm_postings_fresh', 'seq'));
    if (TEST_STORE === 'sqlite') {
      const order = 'partner, unit, counterparty';
      expect(await rowsOf(`rm_${POSTINGS_PROJECTION}_totals`, order)).toEqual(await rowsOf('rm_postings_fresh_totals', order));
    }
  });
});
