import { loadConfig } from '../../src/infrastructure/config/config';
import { openPgPool } from '../../src/infrastructure/read-store/read-store.factory';
import { ensureTestDatabase, TEST_DATABASE_URL } from '../support/postgres';

/**
 * The service's pool: a connection the server ends (a restart, a failover,
 * pg_terminate_backend) while it is checked out and between two queries, as
 * in a transaction of the log or the read models, used to end the process
 * with an unhandled 'error' event (every instance at once when the database
 * restarted). It is told to the pool's listener instead, its next query
 * fails, and the pool discards it.
 */
describe("the service's PostgreSQL pool", () => {
  it('survives the server ending a connection held out of the pool, and goes on with a new one', async () => {
    await ensureTestDatabase();
    const lost: Error[] = [];
    const pool = openPgPool(loadConfig({ EVENT_STORE: 'postgres', DATABASE_URL: TEST_DATABASE_URL }), (error) => lost.push(error))!;
    try {
      const held = await pool.connect();
      await held.query('BEGIN');
      const { rows } = await held.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await pool.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
      for (let i = 0; i < 100 && lost.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(lost.map((error) => (error as { code?: string }).code)).toContain('57P01');
      await expect(held.query('SELECT 1')).rejects.toThrow();
      held.release();
      await expect(pool.query('SELECT 1 AS one')).resolves.toMatchObject({ rows: [{ one: 1 }] });
    } finally {
      await pool.end();
    }
  });
});
