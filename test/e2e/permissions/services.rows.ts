import { bearer } from '../support/ledger-app';
import { BORROWER, LENDER } from '../support/world';
import { READERS, type Row, type RowContext } from './permission-table';

const PROVIDER = BORROWER;

const rendering = (agreementId: string) => ({ agreementId, recipient: LENDER, kind: 'cataloguing', units: 12 });

const newService = async ({ ledger, world }: RowContext): Promise<string> => {
  const response = await ledger.http().post('/v1/services').set(bearer(world.keys[PROVIDER])).send(rendering(world.agreementId));
  if (response.status !== 201) throw new Error(`service fixture: ${response.status} ${response.text}`);
  return response.body.serviceId as string;
};

export const serviceRows: Row[] = [
  {
    route: 'POST /v1/services',
    allowed: ['librarian'],
    party: PROVIDER,
    request: async ({ world }) => ({ path: '/v1/services', body: rendering(world.agreementId) }),
  },
  {
    route: 'POST /v1/services/:id/void',
    allowed: ['librarian', 'coordinator'],
    party: PROVIDER,
    request: async (context) => ({ path: `/v1/services/${await newService(context)}/void`, body: { reason: 'recorded twice' } }),
  },
  { route: 'GET /v1/services', allowed: READERS, request: async () => ({ path: '/v1/services' }) },
  { route: 'GET /v1/services/:id', allowed: READERS, request: async (context) => ({ path: `/v1/services/${await newService(context)}` }) },
];
