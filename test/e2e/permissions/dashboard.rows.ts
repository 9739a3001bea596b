import type { Row } from './permission-table';

export const dashboardRows: Row[] = [
  {
    route: 'GET /v1/balances/matrix',
    // The same readers as every balance: network transparency.
    allowed: ['coordinator', 'librarian', 'otherLibrarian', 'auditor'],
    request: async () => ({ path: '/v1/balances/matrix?unit=loan' }),
  },
  {
    route: 'GET /v1/reports/lending-by-month',
    // Every partner's figures side by side, as the fairness report.
    allowed: ['coordinator', 'auditor'],
    request: async ({ world }) => ({ path: `/v1/reports/lending-by-month?agreement=${world.agreementId}&from=2026-01-01&to=2026-12-31` }),
  },
];
