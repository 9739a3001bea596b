import { bearer } from '../support/ledger-app';
import { BORROWER, LENDER } from '../support/world';
import { READERS, type Row, type RowContext } from './permission-table';

const newLoan = async ({ ledger, world }: RowContext): Promise<string> => {
  const response = await ledger.http().post('/v1/loans').set(bearer(world.keys[BORROWER])).send({ agreementId: world.agreementId, lender: LENDER, item: { title: 'Fixture' } });
  if (response.status !== 201) throw new Error(`loan fixture: ${response.status} ${response.text}`);
  return response.body.loanId as string;
};

export const iso18626Rows: Row[] = [
  {
    route: 'POST /v1/iso18626',
    // Any librarian key may speak; a message in another agency's name is the message's error (a confirmation, 200), not a 403.
    allowed: ['librarian', 'otherLibrarian'],
    party: BORROWER,
    request: async () => ({ path: '/v1/iso18626', body: { not: 'an ISO 18626 message' } }),
  },
  { route: 'GET /v1/loans/:id/iso18626', allowed: READERS, request: async (context) => ({ path: `/v1/loans/${await newLoan(context)}/iso18626` }) },
];
