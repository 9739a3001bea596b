import { PgReadStore } from '../../src/infrastructure/read-store/postgres/pg-read-store';
import { freshSchema } from '../support/postgres';
import { readStoreContract } from './read-store.contract';

// Every commit waits for a real fsync: on a busy machine the suite needs more than jest's default.
jest.setTimeout(120_000);

readStoreContract('PostgreSQL', async () => {
  const db = await freshSchema();
  const pool = db.pool();
  return {
    store: await PgReadStore.open(pool, { schema: db.schema }),
    reopen: () => PgReadStore.open(db.pool(), { schema: db.schema }),
    rows: async (projection) => (await pool.query(`SELECT * FROM "${db.schema}"."rm_${projection}" ORDER BY seq`)).rows,
    dispose: () => db.drop(),
  };
});
