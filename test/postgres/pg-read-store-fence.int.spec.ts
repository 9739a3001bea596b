import type { ProjectionChanges } from '../../src/application/ports/read-store.port';
import type { RowProjection } from '../../src/application/projections/projection';
import { CheckpointMoved, PgReadStore } from '../../src/infrastructure/read-store/postgres/pg-read-store';
import { freshSchema, type TestSchema } from '../support/postgres';

type Fact = { position: number; party: string };
const facts: RowProjection<Fact> = {
  kind: 'rows',
  name: 'fenced_facts',
  version: 1,
  handles: new Set(),
  columns: { position: 'INTEGER', party: 'TEXT' },
  indexes: [],
  rowsOf: () => [],
};
const batch = (from: string | null | undefined, checkpoint: string, parties: string[]): ProjectionChanges => ({
  projection: facts as RowProjection,
  rows: parties.map((party, i) => ({ position: Number(checkpoint) - parties.length + 1 + i, party })),
  checkpoint,
  ...(from === undefined ? {} : { from }),
});

/** Two instances folding the same read models at once (a leader deposed with a batch in flight, and its successor). */
describe('the PostgreSQL read store refuses a batch folded from a checkpoint that has moved', () => {
  let db: TestSchema;
  beforeEach(async () => (db = await freshSchema()));
  afterEach(() => db.drop());

  it('writes the first of two batches folded from the same checkpoint, and nothing of the second', async () => {
    const [deposed, leader] = await Promise.all([PgReadStore.open(db.pool(), { schema: db.schema }), PgReadStore.open(db.pool(), { schema: db.schema })]);
    await leader.prepare(facts as RowProjection);
    await leader.commit([batch(null, '2', ['DE-1', 'FR-1'])]);
    await expect(deposed.commit([batch(null, '3', ['DE-1', 'FR-1', 'NL-1'])])).rejects.toBeInstanceOf(CheckpointMoved);
    await leader.commit([batch('2', '4', ['ID-1', 'ID-2'])]);
    await expect(deposed.commit([batch('2', '4', ['ID-1', 'ID-2'])])).rejects.toBeInstanceOf(CheckpointMoved);

    expect(await leader.checkpoint('fenced_facts')).toEqual({ position: '4', version: 1 });
    const { rows } = await db.pool().query(`SELECT party FROM "${db.schema}"."rm_fenced_facts" ORDER BY seq`);
    expect(rows.map((row) => row.party)).toEqual(['DE-1', 'FR-1', 'ID-1', 'ID-2']);
  });

  it('takes a batch that says nothing of where it began, as the CLI and older callers send', async () => {
    const store = await PgReadStore.open(db.pool(), { schema: db.schema });
    await store.prepare(facts as RowProjection);
    await store.commit([batch(undefined, '1', ['DE-1'])]);
    await store.commit([batch(undefined, '2', ['FR-1'])]);
    expect(await store.checkpoint('fenced_facts')).toEqual({ position: '2', version: 1 });
  });
});
