import { BORROWER } from '../support/world';
import { READERS, type Row } from './permission-table';

export const fairnessRows: Row[] = [
  {
    route: 'GET /v1/reports/fairness',
    // Every partner's figures side by side: coordinators and auditors, not a librarian acting for one library.
    allowed: ['coordinator', 'auditor'],
    request: async ({ world }) => ({ path: `/v1/reports/fairness?agreement=${world.agreementId}&from=2020-01-01&to=2030-12-31` }),
  },
  {
    route: 'GET /v1/lenders/suggest',
    allowed: READERS,
    request: async () => ({ path: `/v1/lenders/suggest?isbn=978-0-306-40615-7&borrower=${BORROWER}` }),
  },
];
