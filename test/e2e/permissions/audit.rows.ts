import type { Actor, Row } from './permission-table';

/**
 * Auditors and coordinators read the whole audit trail. Every key may fetch
 * the public keys (a partner checks a proof with them); subscribers, who
 * follow the log, may take a signed head; librarians are handed proofs.
 */
const AUDITORS: Actor[] = ['coordinator', 'auditor'];

export const auditRows: Row[] = [
  { route: 'GET /v1/audit/keys', allowed: ['coordinator', 'librarian', 'otherLibrarian', 'auditor', 'subscriber'], request: async () => ({ path: '/v1/audit/keys' }) },
  { route: 'GET /v1/audit/verify', allowed: AUDITORS, request: async () => ({ path: '/v1/audit/verify?to=20' }) },
  { route: 'GET /v1/audit/export', allowed: AUDITORS, request: async () => ({ path: '/v1/audit/export?to=5' }) },
  { route: 'GET /v1/audit/proof', allowed: AUDITORS, request: async () => ({ path: '/v1/audit/proof?eventId=00000000-0000-4000-8000-000000000000' }) },
  { route: 'GET /v1/audit/head', allowed: [...AUDITORS, 'subscriber'], request: async () => ({ path: '/v1/audit/head' }) },
];
