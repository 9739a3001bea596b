/** Unit, contract, property and e2e specs all run with `npm test`; SWC keeps the transform fast. */
const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  // A few dependencies ship only ES modules; SWC turns them into CommonJS for Jest.
  transformIgnorePatterns: ['/node_modules/(?!(@apidevtools/json-schema-ref-parser)/)'],
  transform: {
    '^.+\\.js$': ['@swc/jest', { module: { type: 'commonjs' } }],
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
};

/**
 * The e2e suites that exercise the read models, run a second time with the
 * service's event store and read models on PostgreSQL (LEDGER_TEST_STORE,
 * see test/e2e/support/ledger-app.ts): every answer must be the same as on
 * the embedded file. Suites about the file itself, the process, HTTP limits
 * and subscriptions run once; so do the races, which test the event store's
 * concurrency (its contract suite runs on PostgreSQL).
 */
const ON_POSTGRES = [
  'agreements', 'balances', 'catalog', 'claims', 'dashboard', 'exchanges', 'fairness', 'history', 'holdings',
  'loans', 'metrics', 'openapi-contract', 'partners', 'projections', 'read-your-writes', 'rebuild-live', 'restart', 'rotations', 'services',
];

module.exports = {
  // Hooks and tests that start services take seconds; on a shared, loaded machine they took over 30 s.
  testTimeout: 60000,
  projects: [
    { ...shared, displayName: 'ledger', testMatch: ['**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e on PostgreSQL',
      testMatch: ON_POSTGRES.map((name) => `<rootDir>/test/e2e/${name}.e2e.spec.ts`),
      setupFiles: ['<rootDir>/test/e2e/support/on-postgres.setup.js'],
    },
  ],
};
