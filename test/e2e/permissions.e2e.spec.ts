import { CONTROLLERS } from '../../src/infrastructure/ledger.module';
import { declaredRoutes } from './support/declared-routes';
import { ADMIN_KEY, bearer, librarianKey, removeDataDir, startLedger, type RunningLedger } from './support/ledger-app';

/**
 * Every route, sent with no key, a revoked key and each role, including a
 * librarian of a library that is not party to the act. Every route the app
 * declares must be in this table: a new route without a row fails the test.
 */
type Actor = 'coordinator' | 'librarian' | 'otherLibrarian' | 'auditor' | 'subscriber';
const ACTORS: Actor[] = ['coordinator', 'librarian', 'otherLibrarian', 'auditor', 'subscriber'];

type Row = Readonly<{
  route: string;
  /** Who may (the request then gets past authorisation); everyone else gets 403. */
  allowed: readonly Actor[] | 'public';
  /** The library acting as "librarian" for this route: the borrower or the lender of the loan. */
  party?: 'borrower' | 'lender';
  /** Builds a fresh request: the path to call and its body. */
  request: (fixture: Fixture) => Promise<{ path: string; body?: object }>;
}>;

type Fixture = { newLoan: () => Promise<string>; newKeyId: () => Promise<string> };

const READERS: Actor[] = ['coordinator', 'librarian', 'otherLibrarian', 'auditor'];
const loanStep = (step: string, party: 'borrower' | 'lender', body: object = {}): Row => ({
  route: `POST /v1/loans/:id/${step}`,
  allowed: ['librarian'],
  party,
  request: async ({ newLoan }) => ({ path: `/v1/loans/${await newLoan()}/${step}`, body }),
});

const TABLE: Row[] = [
  { route: 'GET /health/live', allowed: 'public', request: async () => ({ path: '/health/live' }) },
  { route: 'GET /health/ready', allowed: 'public', request: async () => ({ path: '/health/ready' }) },
  { route: 'POST /v1/api-keys', allowed: ['coordinator'], request: async () => ({ path: '/v1/api-keys', body: { role: 'auditor' } }) },
  { route: 'GET /v1/api-keys', allowed: ['coordinator'], request: async () => ({ path: '/v1/api-keys' }) },
  {
    route: 'DELETE /v1/api-keys/:id',
    allowed: ['coordinator'],
    request: async ({ newKeyId }) => ({ path: `/v1/api-keys/${await newKeyId()}` }),
  },
  {
    route: 'POST /v1/loans',
    allowed: ['librarian', 'otherLibrarian'],
    party: 'borrower',
    request: async () => ({ path: '/v1/loans', body: { lender: 'DE-1', item: { title: 'Table' } } }),
  },
  loanStep('accept', 'lender'),
  loanStep('decline', 'lender', { reason: 'not for loan' }),
  loanStep('ship', 'lender'),
  loanStep('receive', 'borrower'),
  loanStep('renew', 'borrower'),
  loanStep('recall', 'lender'),
  loanStep('return', 'borrower'),
  loanStep('check-in', 'lender'),
  loanStep('report-lost', 'borrower'),
  loanStep('cancel', 'borrower'),
  { route: 'GET /v1/loans', allowed: READERS, request: async () => ({ path: '/v1/loans' }) },
  { route: 'GET /v1/loans/:id', allowed: READERS, request: async ({ newLoan }) => ({ path: `/v1/loans/${await newLoan()}` }) },
];

describe('who may call which route', () => {
  let ledger: RunningLedger;
  const keys = {} as Record<Actor | 'borrower' | 'lender' | 'revoked', string>;
  let fixture: Fixture;

  beforeAll(async () => {
    ledger = await startLedger();
    keys.coordinator = ADMIN_KEY;
    keys.borrower = await librarianKey(ledger, 'ID-JKPNRI');
    keys.lender = await librarianKey(ledger, 'DE-1');
    keys.otherLibrarian = await librarianKey(ledger, 'NL-0100030000');
    const issue = async (role: string) =>
      (await ledger.http().post('/v1/api-keys').set(bearer(ADMIN_KEY)).send({ role })).body as { id: string; key: string };
    keys.auditor = (await issue('auditor')).key;
    keys.subscriber = (await issue('subscriber')).key;
    const revoked = await issue('coordinator');
    expect((await ledger.http().delete(`/v1/api-keys/${revoked.id}`).set(bearer(ADMIN_KEY))).status).toBe(200);
    keys.revoked = revoked.key;
    fixture = {
      newLoan: async () => {
        const response = await ledger.http().post('/v1/loans').set(bearer(keys.borrower)).send({ lender: 'DE-1', item: { title: 'Fixture' } });
        return response.body.loanId as string;
      },
      newKeyId: async () => (await issue('auditor')).id,
    };
  });
  afterAll(async () => {
    await ledger.stop();
    removeDataDir(ledger.dataDir);
  });

  const call = async (row: Row, key: string | undefined) => {
    const [method] = row.route.split(' ');
    const { path, body } = await row.request(fixture);
    const request = ledger.http()[method.toLowerCase() as 'get' | 'post' | 'delete'](path);
    if (key !== undefined) request.set(bearer(key));
    return body === undefined ? request : request.send(body);
  };

  it('has a row for every route the app declares, and no row for a route it does not', () => {
    expect(TABLE.map((row) => row.route).sort()).toEqual(declaredRoutes(CONTROLLERS).sort());
  });

  describe.each(TABLE.map((row) => [row.route, row] as const))('%s', (_, row) => {
    if (row.allowed === 'public') {
      it('answers without a key', async () => expect((await call(row, undefined)).status).toBe(200));
      return;
    }
    it('answers 401 without a key', async () => expect((await call(row, undefined)).status).toBe(401));
    it('answers 401 to a revoked key', async () => expect((await call(row, keys.revoked)).status).toBe(401));
    it.each(ACTORS)('as %s', async (actor) => {
      const key = actor === 'librarian' ? keys[row.party ?? 'borrower'] : keys[actor];
      const response = await call(row, key);
      const allowed = (row.allowed as readonly Actor[]).includes(actor);
      if (allowed) expect([401, 403]).not.toContain(response.status);
      else expect({ status: response.status, type: response.headers['content-type'] }).toEqual({
        status: 403,
        type: expect.stringMatching(/^application\/problem\+json/),
      });
    });
  });
});
