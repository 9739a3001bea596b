import type { Row } from './permission-table';

const LOG_READERS = ['coordinator', 'auditor', 'subscriber'] as const;

export const historyRows: Row[] = [
  { route: 'GET /v1/events', allowed: LOG_READERS, request: async () => ({ path: '/v1/events?limit=5' }) },
  {
    route: 'GET /v1/streams/:streamId',
    allowed: LOG_READERS,
    request: async ({ world }) => ({ path: `/v1/streams/agreement-${world.agreementId}` }),
  },
];
