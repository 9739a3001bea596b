import { LENDER } from '../support/world';
import type { Actor, Row } from './permission-table';

/** Balances are open to every librarian, party or not: network transparency. */
const BALANCE_READERS: Actor[] = ['coordinator', 'librarian', 'otherLibrarian', 'auditor'];

export const ledgerRows: Row[] = [
  { route: 'GET /v1/balances', allowed: BALANCE_READERS, request: async () => ({ path: `/v1/balances?partner=${LENDER}` }) },
  { route: 'GET /v1/balances/trial', allowed: BALANCE_READERS, request: async () => ({ path: '/v1/balances/trial' }) },
];
