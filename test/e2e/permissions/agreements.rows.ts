import { bearer } from '../support/ledger-app';
import { BORROWER, LENDER, OUTSIDER, THIRD, yesterday } from '../support/world';
import { READERS, type Row, type RowContext } from './permission-table';

const agreementBody = () => ({
  title: 'Permission table agreement',
  focalPoint: LENDER,
  members: [BORROWER, LENDER, THIRD],
  forms: ['loans', 'exchanges'],
  startsOn: yesterday(),
  terms: { loanPeriodDays: 21, maxRenewals: 1, goalRatio: 1, claimHoldDays: 60 },
});

/** An agreement of its own for each call, so joining, withdrawing or terminating never touches the world's. */
const newAgreement = async ({ ledger, world }: RowContext): Promise<string> => {
  const response = await ledger.http().post('/v1/agreements').set(bearer(world.admin)).send(agreementBody());
  if (response.status !== 201) throw new Error(`agreement fixture: ${response.status} ${response.text}`);
  return response.body.agreementId as string;
};

export const agreementRows: Row[] = [
  { route: 'POST /v1/agreements', allowed: ['coordinator'], request: async () => ({ path: '/v1/agreements', body: agreementBody() }) },
  {
    route: 'POST /v1/agreements/:id/members',
    allowed: ['coordinator'],
    request: async (context) => ({ path: `/v1/agreements/${await newAgreement(context)}/members`, body: { isil: OUTSIDER } }),
  },
  {
    route: 'POST /v1/agreements/:id/members/:isil/withdraw',
    allowed: ['coordinator', 'librarian'],
    party: THIRD,
    request: async (context) => ({
      path: `/v1/agreements/${await newAgreement(context)}/members/${THIRD}/withdraw`,
      body: { reason: 'budget cuts' },
    }),
  },
  {
    route: 'POST /v1/agreements/:id/amend',
    allowed: ['coordinator'],
    request: async (context) => ({ path: `/v1/agreements/${await newAgreement(context)}/amend`, body: { terms: { maxRenewals: 3 } } }),
  },
  {
    route: 'POST /v1/agreements/:id/terminate',
    allowed: ['coordinator'],
    request: async (context) => ({ path: `/v1/agreements/${await newAgreement(context)}/terminate`, body: { reason: 'superseded' } }),
  },
  { route: 'GET /v1/agreements', allowed: READERS, request: async () => ({ path: '/v1/agreements' }) },
  {
    route: 'GET /v1/agreements/:id',
    allowed: READERS,
    request: async ({ world }) => ({ path: `/v1/agreements/${world.agreementId}` }),
  },
];
