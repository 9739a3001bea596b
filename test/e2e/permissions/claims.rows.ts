import { bearer } from '../support/ledger-app';
import { BORROWER, LENDER } from '../support/world';
import { READERS, type Row, type RowContext } from './permission-table';

const CLAIMANT = BORROWER;

/** A title nobody has claimed yet in this run: 978-0-306-1nnnn-c (a real, allocated range). */
let next = 0;
const freshIsbn = (): string => {
  const twelve = `9780306${String(10_000 + next++).padStart(5, '0')}`;
  const sum = [...twelve].reduce((total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 1 : 3), 0);
  return `${twelve}${(10 - (sum % 10)) % 10}`;
};

/** A fresh claim by the claimant; its ISBN-13. */
const newClaim = async ({ ledger, world }: RowContext): Promise<string> => {
  const isbn = freshIsbn();
  const response = await ledger
    .http()
    .post('/v1/acquisition-claims')
    .set(bearer(world.keys[CLAIMANT]))
    .send({ agreementId: world.agreementId, isbn, title: 'Fixture' });
  if (response.status !== 201) throw new Error(`claim fixture: ${response.status} ${response.text}`);
  return isbn;
};

const step = (name: string, body: object = {}): Row => ({
  route: `POST /v1/acquisition-claims/:isbn/${name}`,
  allowed: ['librarian'],
  party: CLAIMANT,
  request: async (context) => ({ path: `/v1/acquisition-claims/${await newClaim(context)}/${name}`, body }),
});

export const claimRows: Row[] = [
  {
    route: 'POST /v1/acquisition-claims',
    allowed: ['librarian'],
    party: CLAIMANT,
    request: async ({ world }) => ({
      path: '/v1/acquisition-claims',
      body: { agreementId: world.agreementId, isbn: freshIsbn(), title: 'Table' },
    }),
  },
  step('release', { reason: 'budget spent' }),
  step('transfer', { to: LENDER }),
  step('fulfil'),
  { route: 'GET /v1/acquisition-claims', allowed: READERS, request: async () => ({ path: '/v1/acquisition-claims' }) },
  {
    route: 'GET /v1/acquisition-claims/:isbn',
    allowed: READERS,
    request: async (context) => ({ path: `/v1/acquisition-claims/${await newClaim(context)}` }),
  },
];
