import { READERS, type Row } from './permission-table';

export const catalogRows: Row[] = [
  { route: 'GET /v1/catalog', allowed: READERS, request: async () => ({ path: '/v1/catalog?q=history' }) },
  {
    route: 'GET /v1/catalog/new-acquisitions',
    allowed: READERS,
    request: async () => ({ path: '/v1/catalog/new-acquisitions?since=2020-01-01' }),
  },
];
