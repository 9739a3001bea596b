import { FAIRNESS_FACTS_PROJECTION } from '../../src/application/fairness/fairness-facts.projection';
import { POSTINGS_PROJECTION } from '../../src/application/ledger/postings.projection';
import { migrate } from '../../src/infrastructure/event-store/postgres/pg-migrations';
import { PgReadStore } from '../../src/infrastructure/read-store/postgres/pg-read-store';
import { READ_STORE_MIGRATIONS } from '../../src/infrastructure/read-store/postgres/pg-read-store.schema';
import { freshSchema, type TestSchema } from '../support/postgres';

/**
 * A read store written before PostgreSQL carried the running totals: its
 * postings and fairness facts have them empty, so opening it with this
 * version marks those two for a rebuild at start (a version the runner does
 * not know), and leaves every other read model where it was.
 */
describe('the PostgreSQL read store migration to running totals', () => {
  let db: TestSchema;
  beforeEach(async () => (db = await freshSchema()));
  afterEach(() => db.drop());

  it('marks the read models that carry running totals for a rebuild, and no other', async () => {
    const pool = db.pool();
    await migrate(pool, db.schema, 'read_store', READ_STORE_MIGRATIONS.slice(0, 2));
    await pool.query(
      `INSERT INTO "${db.schema}".projection_checkpoints (name, position, version) VALUES ($1, '120', 4), ($2, '120', 4), ('loans', '120', 3)`,
      [POSTINGS_PROJECTION, FAIRNESS_FACTS_PROJECTION],
    );
    const store = await PgReadStore.open(pool, { schema: db.schema });
    expect(await store.checkpoint(POSTINGS_PROJECTION)).toEqual({ position: '120', version: 0 });
    expect(await store.checkpoint(FAIRNESS_FACTS_PROJECTION)).toEqual({ position: '120', version: 0 });
    expect(await store.checkpoint('loans')).toEqual({ position: '120', version: 3 });
  });
});
