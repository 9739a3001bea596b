import type { Row } from './permission-table';

export const projectionRows: Row[] = [
  { route: 'GET /v1/projections', allowed: ['coordinator', 'auditor'], request: async () => ({ path: '/v1/projections' }) },
];
