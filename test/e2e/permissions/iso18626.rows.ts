import { bearer } from '../support/ledger-app';
import { BORROWER, LENDER } from '../support/world';
import { READERS, type Actor, type Row, type RowContext } from './permission-table';

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
  {
    route: 'PUT /v1/partners/:isil/iso18626-endpoint',
    // Its own librarians or a coordinator; the URL is refused (400) where private addresses are not allowed, after authorisation.
    allowed: ['coordinator', 'librarian'],
    party: LENDER,
    request: async () => ({ path: `/v1/partners/${LENDER}/iso18626-endpoint`, body: { url: 'https://ill.example.org/iso18626', version: '1.2' } }),
  },
  ...(['', '/deliveries'] as const).map((tail): Row => ({
    route: `GET /v1/partners/:isil/iso18626-endpoint${tail}`,
    allowed: ['coordinator', 'librarian', 'auditor'] as Actor[],
    party: LENDER,
    request: async () => ({ path: `/v1/partners/${LENDER}/iso18626-endpoint${tail}` }),
  })),
  {
    route: 'DELETE /v1/partners/:isil/iso18626-endpoint',
    allowed: ['coordinator', 'librarian'],
    party: LENDER,
    request: async () => ({ path: `/v1/partners/${LENDER}/iso18626-endpoint` }),
  },
  { route: 'GET /v1/loans/:id/iso18626', allowed: READERS, request: async (context) => ({ path: `/v1/loans/${await newLoan(context)}/iso18626` }) },
];
