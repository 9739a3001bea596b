import { BORROWER } from '../support/world';
import type { Row } from './permission-table';

const LIBRARY = BORROWER;

/** Titles in a range of their own: 978-0-306-2nnnn-c. */
let next = 0;
const freshIsbn = (): string => {
  const twelve = `9780306${String(20_000 + next++).padStart(5, '0')}`;
  const sum = [...twelve].reduce((total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 1 : 3), 0);
  return `${twelve}${(10 - (sum % 10)) % 10}`;
};

/** The body names the library, so a librarian of another one is refused (403) rather than acting for its own. */
export const holdingsRows: Row[] = [
  {
    route: 'POST /v1/holdings',
    allowed: ['librarian', 'coordinator'],
    party: LIBRARY,
    request: async () => ({ path: '/v1/holdings', body: { isil: LIBRARY, items: [{ isbn: freshIsbn(), title: 'Fixture' }] } }),
  },
  {
    route: 'POST /v1/holdings/withdraw',
    allowed: ['librarian', 'coordinator'],
    party: LIBRARY,
    request: async () => ({ path: '/v1/holdings/withdraw', body: { isil: LIBRARY, isbns: [freshIsbn()] } }),
  },
];
