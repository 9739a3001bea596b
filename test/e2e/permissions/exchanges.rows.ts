import { bearer } from '../support/ledger-app';
import { BORROWER, LENDER } from '../support/world';
import { READERS, type Row, type RowContext } from './permission-table';

const PROPOSER = BORROWER;
const COUNTERPART = LENDER;

const proposal = (agreementId: string) => ({
  agreementId,
  counterpart: COUNTERPART,
  offered: [{ title: 'Serat Centhini' }],
  requested: [{ title: 'Der Zauberberg' }],
});

const must = async (response: { status: number; text: string }, what: string) => {
  if (response.status >= 300) throw new Error(`exchange fixture, ${what}: ${response.status} ${response.text}`);
};

/** A fresh exchange, taken through the given steps ([step, library]) so the row's step is the next one. */
const newExchange = async ({ ledger, world }: RowContext, steps: [string, string][] = []): Promise<string> => {
  const response = await ledger.http().post('/v1/exchanges').set(bearer(world.keys[PROPOSER])).send(proposal(world.agreementId));
  await must(response, 'propose');
  const exchangeId = response.body.exchangeId as string;
  for (const [step, library] of steps) {
    await must(await ledger.http().post(`/v1/exchanges/${exchangeId}/${step}`).set(bearer(world.keys[library])).send({}), step);
  }
  return exchangeId;
};

const step = (name: string, party: string, before: [string, string][] = [], body: object = {}): Row => ({
  route: `POST /v1/exchanges/:id/${name}`,
  allowed: ['librarian'],
  party,
  request: async (context) => ({ path: `/v1/exchanges/${await newExchange(context, before)}/${name}`, body }),
});

export const exchangeRows: Row[] = [
  {
    route: 'POST /v1/exchanges',
    // The outsider is no member of the agreement: 403 not-a-member.
    allowed: ['librarian'],
    party: PROPOSER,
    request: async ({ world }) => ({ path: '/v1/exchanges', body: proposal(world.agreementId) }),
  },
  step('accept', COUNTERPART),
  step('decline', COUNTERPART, [], { reason: 'already held' }),
  step('dispatch', PROPOSER, [['accept', COUNTERPART]]),
  step('receive', COUNTERPART, [['accept', COUNTERPART], ['dispatch', PROPOSER]]),
  step('cancel', PROPOSER, [], { reason: 'changed our mind' }),
  { route: 'GET /v1/exchanges', allowed: READERS, request: async () => ({ path: '/v1/exchanges' }) },
  {
    route: 'GET /v1/exchanges/:id',
    allowed: READERS,
    request: async (context) => ({ path: `/v1/exchanges/${await newExchange(context)}` }),
  },
];
