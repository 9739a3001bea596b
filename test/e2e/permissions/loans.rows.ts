import { bearer } from '../support/ledger-app';
import { BORROWER, LENDER } from '../support/world';
import { READERS, type Row, type RowContext } from './permission-table';

const newLoan = async ({ ledger, world }: RowContext): Promise<string> => {
  const response = await ledger
    .http()
    .post('/v1/loans')
    .set(bearer(world.keys[BORROWER]))
    .send({ agreementId: world.agreementId, lender: LENDER, item: { title: 'Fixture' } });
  if (response.status !== 201) throw new Error(`loan fixture: ${response.status} ${response.text}`);
  return response.body.loanId as string;
};

const step = (name: string, party: string, body: object = {}): Row => ({
  route: `POST /v1/loans/:id/${name}`,
  allowed: ['librarian'],
  party,
  request: async (context) => ({ path: `/v1/loans/${await newLoan(context)}/${name}`, body }),
});

export const loanRows: Row[] = [
  {
    route: 'POST /v1/loans',
    // The outsider may request loans in its own name, but not under an agreement it is not a member of (403).
    allowed: ['librarian'],
    party: BORROWER,
    request: async ({ world }) => ({ path: '/v1/loans', body: { agreementId: world.agreementId, lender: LENDER, item: { title: 'Table' } } }),
  },
  step('accept', LENDER),
  step('decline', LENDER, { reason: 'not for loan' }),
  step('ship', LENDER),
  step('receive', BORROWER),
  step('renew', BORROWER),
  step('recall', LENDER),
  step('return', BORROWER),
  step('check-in', LENDER),
  step('report-lost', BORROWER),
  step('cancel', BORROWER),
  { route: 'GET /v1/loans', allowed: READERS, request: async () => ({ path: '/v1/loans' }) },
  { route: 'GET /v1/loans/:id', allowed: READERS, request: async (context) => ({ path: `/v1/loans/${await newLoan(context)}` }) },
];
