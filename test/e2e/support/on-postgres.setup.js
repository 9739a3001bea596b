// The second e2e project (jest.config.js): the service runs on PostgreSQL.
process.env.LEDGER_TEST_STORE = 'postgres';
