import { bearer } from '../support/ledger-app';
import { BORROWER, LENDER, THIRD } from '../support/world';
import { READERS, type Row, type RowContext } from './permission-table';

const OWNER = BORROWER;
const FIRST_HOST = LENDER;

const plan = (agreementId: string) => ({
  agreementId,
  items: [{ itemId: 'JKP-001', title: 'Bumi Manusia' }, { itemId: 'JKP-002', title: 'Laskar Pelangi' }],
  itinerary: [{ host: FIRST_HOST, days: 14 }, { host: THIRD, days: 7 }],
});

const must = async (response: { status: number; text: string }, what: string) => {
  if (response.status >= 300) throw new Error(`rotation fixture, ${what}: ${response.status} ${response.text}`);
};

/** A fresh rotation, taken through the given steps ([step, library]) so the row's step is the next one. */
const newRotation = async ({ ledger, world }: RowContext, steps: [string, string][] = []): Promise<string> => {
  const response = await ledger.http().post('/v1/rotations').set(bearer(world.keys[OWNER])).send(plan(world.agreementId));
  await must(response, 'plan');
  const rotationId = response.body.rotationId as string;
  for (const [step, library] of steps) {
    await must(await ledger.http().post(`/v1/rotations/${rotationId}/${step}`).set(bearer(world.keys[library])).send({}), step);
  }
  return rotationId;
};

const step = (name: string, party: string, before: [string, string][] = [], body: object = {}): Row => ({
  route: `POST /v1/rotations/:id/${name}`,
  allowed: ['librarian'],
  party,
  request: async (context) => ({ path: `/v1/rotations/${await newRotation(context, before)}/${name}`, body }),
});

export const rotationRows: Row[] = [
  {
    route: 'POST /v1/rotations',
    // The outsider is no member of the agreement: 403 not-a-member.
    allowed: ['librarian'],
    party: OWNER,
    request: async ({ world }) => ({ path: '/v1/rotations', body: plan(world.agreementId) }),
  },
  step('dispatch', OWNER),
  step('receive', FIRST_HOST, [['dispatch', OWNER]]),
  step('report-missing', OWNER, [], { itemIds: ['JKP-002'] }),
  step('cancel', OWNER, [], { reason: 'exhibition postponed' }),
  { route: 'GET /v1/rotations', allowed: READERS, request: async () => ({ path: '/v1/rotations' }) },
  {
    route: 'GET /v1/rotations/:id',
    allowed: READERS,
    request: async (context) => ({ path: `/v1/rotations/${await newRotation(context)}` }),
  },
];
