import type { Row } from './permission-table';

export const projectionRows: Row[] = [
  { route: 'GET /v1/projections', allowed: ['coordinator', 'auditor'], request: async () => ({ path: '/v1/projections' }) },
  { route: 'POST /v1/projections/:name/rebuild', allowed: ['coordinator'], request: async () => ({ path: '/v1/projections/partners/rebuild', body: {} }) },
];
