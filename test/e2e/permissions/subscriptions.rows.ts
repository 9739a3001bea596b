import type { Row } from './permission-table';

const MANAGERS = ['coordinator', 'librarian', 'otherLibrarian', 'subscriber'] as const;
/** Nobody's webhook: managers get past authorisation and are told it does not exist. */
const NO_WEBHOOK = '00000000-0000-4000-8000-000000000000';

export const subscriptionRows: Row[] = [
  { route: 'GET /asyncapi.json', allowed: 'public', request: async () => ({ path: '/asyncapi.json' }) },
  {
    route: 'GET /v1/events/live',
    allowed: ['coordinator', 'librarian', 'otherLibrarian', 'auditor', 'subscriber'],
    stream: true,
    request: async () => ({ path: '/v1/events/live' }),
  },
  // A loopback URL is refused (400) unless the operator allows private addresses: past authorisation, nothing registered.
  { route: 'POST /v1/webhooks', allowed: MANAGERS, request: async () => ({ path: '/v1/webhooks', body: { url: 'https://127.0.0.1/hook' } }) },
  { route: 'GET /v1/webhooks', allowed: MANAGERS, request: async () => ({ path: '/v1/webhooks' }) },
  { route: 'GET /v1/webhooks/:id', allowed: MANAGERS, request: async () => ({ path: `/v1/webhooks/${NO_WEBHOOK}` }) },
  { route: 'PATCH /v1/webhooks/:id', allowed: MANAGERS, request: async () => ({ path: `/v1/webhooks/${NO_WEBHOOK}`, body: { enabled: true } }) },
  { route: 'DELETE /v1/webhooks/:id', allowed: MANAGERS, request: async () => ({ path: `/v1/webhooks/${NO_WEBHOOK}` }) },
  { route: 'POST /v1/webhooks/:id/secret', allowed: MANAGERS, request: async () => ({ path: `/v1/webhooks/${NO_WEBHOOK}/secret` }) },
  { route: 'POST /v1/webhooks/:id/replay', allowed: MANAGERS, request: async () => ({ path: `/v1/webhooks/${NO_WEBHOOK}/replay`, body: { after: '0' } }) },
  { route: 'GET /v1/webhooks/:id/deliveries', allowed: MANAGERS, request: async () => ({ path: `/v1/webhooks/${NO_WEBHOOK}/deliveries` }) },
];
