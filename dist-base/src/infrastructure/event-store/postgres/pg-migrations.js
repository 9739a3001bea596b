"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.migrate = exports.quoteIdentifier = void 0;
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
/** A schema or table name as SQL, refusing anything but a plain lower-case identifier. */
const quoteIdentifier = (name) => {
    if (!IDENTIFIER.test(name))
        throw new RangeError(`"${name}" is not a plain lower-case SQL identifier`);
    return `"${name}"`;
};
exports.quoteIdentifier = quoteIdentifier;
/** The advisory lock under which one instance at a time migrates. */
const MIGRATION_LOCK = 0x1ed6e8;
/**
 * Brings one component's tables in `schema` to its newest version: each
 * script not yet recorded in `schema_migrations` runs once, in order, in one
 * transaction with its record, under an advisory lock, so instances that
 * start together migrate once.
 */
const migrate = async (pool, schema, component, migrations) => {
    const quoted = (0, exports.quoteIdentifier)(schema);
    const client = await pool.connect();
    try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
        await client.query(`CREATE TABLE IF NOT EXISTS ${quoted}.schema_migrations (
      component TEXT NOT NULL, version INTEGER NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      PRIMARY KEY (component, version))`);
        const { rows } = await client.query(`SELECT coalesce(max(version), 0) AS version FROM ${quoted}.schema_migrations WHERE component = $1`, [component]);
        const current = rows[0].version;
        if (current > migrations.length) {
            throw new Error(`the ${component} tables in schema ${schema} are at version ${current}, newer than this service knows (${migrations.length})`);
        }
        for (let version = current + 1; version <= migrations.length; version += 1) {
            await client.query(migrations[version - 1].replaceAll('{schema}', quoted));
            await client.query(`INSERT INTO ${quoted}.schema_migrations (component, version) VALUES ($1, $2)`, [component, version]);
        }
        await client.query('COMMIT');
        return migrations.length - current;
    }
    catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
    }
    finally {
        client.release();
    }
};
exports.migrate = migrate;
//# sourceMappingURL=pg-migrations.js.map