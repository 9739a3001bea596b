import type { Row } from './permission-table';

export const coreRows: Row[] = [
  { route: 'GET /health/live', allowed: 'public', request: async () => ({ path: '/health/live' }) },
  { route: 'GET /health/ready', allowed: 'public', request: async () => ({ path: '/health/ready' }) },
  { route: 'GET /v1/health/ready', allowed: ['coordinator'], request: async () => ({ path: '/v1/health/ready' }) },
  { route: 'GET /metrics', allowed: ['coordinator', 'metrics'], request: async () => ({ path: '/metrics' }) },
  { route: 'POST /v1/api-keys', allowed: ['coordinator'], request: async () => ({ path: '/v1/api-keys', body: { role: 'auditor' } }) },
  { route: 'GET /v1/api-keys', allowed: ['coordinator'], request: async () => ({ path: '/v1/api-keys' }) },
  {
    route: 'DELETE /v1/api-keys/:id',
    allowed: ['coordinator'],
    request: async ({ issueKeyId }) => ({ path: `/v1/api-keys/${await issueKeyId()}` }),
  },
];
