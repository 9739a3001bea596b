import { request as httpRequest } from 'node:http';
import { declaredRoutes } from './support/declared-routes';
import { ADMIN_KEY, bearer } from './support/ledger-app';
import { useLedger } from './support/use-ledger';
import { OUTSIDER } from './support/world';
import { ALL_ROWS } from './permissions';
import { ACTORS, type Actor, type Row, type RowContext } from './permissions/permission-table';

/**
 * Every route, sent with no key, a revoked key and each role, including a
 * librarian of a library that is not party to the act. Every route the app
 * declares must have a row (test/e2e/permissions/*.rows.ts): a new route
 * without one fails here.
 */
describe('who may call which route', () => {
  // Hundreds of refused keys from one address: the failed-authentication limit has its own test (connections).
  const { ledger, world, post } = useLedger({ env: { LEDGER_RATE_LIMIT_PER_MINUTE: '1000000', LEDGER_AUTH_FAILURES_PER_MINUTE: '1000000' } });
  let context: RowContext;
  const keys = {} as Record<Exclude<Actor, 'librarian'> | 'revoked', string>;

  beforeAll(async () => {
    const issue = async (role: string) =>
      (await post('/v1/api-keys', ADMIN_KEY, { role })).body as { id: string; key: string };
    keys.coordinator = ADMIN_KEY;
    keys.otherLibrarian = world().keys[OUTSIDER];
    keys.auditor = (await issue('auditor')).key;
    keys.subscriber = (await issue('subscriber')).key;
    keys.metrics = (await issue('metrics')).key;
    const revoked = await issue('coordinator');
    expect((await ledger().http().delete(`/v1/api-keys/${revoked.id}`).set(bearer(ADMIN_KEY))).status).toBe(200);
    keys.revoked = revoked.key;
    context = { ledger: ledger(), world: world(), issueKeyId: async () => (await issue('auditor')).id };
  });

  /** The status and headers of a stream, which is then closed; a refusal is read whole. */
  const openStream = (path: string, key: string | undefined) =>
    new Promise<{ status: number; headers: Record<string, string>; body?: unknown }>((resolve, reject) => {
      const req = httpRequest(`${ledger().url}${path}`, { headers: key === undefined ? {} : bearer(key) }, (res) => {
        const answer = { status: res.statusCode ?? 0, headers: res.headers as Record<string, string> };
        if (answer.status === 200) {
          req.destroy();
          return resolve(answer);
        }
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ ...answer, body: JSON.parse(text) }));
      });
      req.on('error', reject);
      req.end();
    });

  const call = async (row: Row, key: string | undefined) => {
    const [method] = row.route.split(' ');
    const { path, body } = await row.request(context);
    if (row.stream) return openStream(path, key);
    const request = ledger().http()[method.toLowerCase() as 'get' | 'post' | 'delete' | 'patch' | 'put'](path);
    if (key !== undefined) request.set(bearer(key));
    return body === undefined ? request : request.send(body);
  };

  it('has a row for every route the app declares, and no row for a route it does not', () => {
    expect(ALL_ROWS.map((row) => row.route).sort()).toEqual(declaredRoutes().sort());
  });

  describe.each(ALL_ROWS.map((row) => [row.route, row] as const))('%s', (_, row) => {
    if (row.allowed === 'public') {
      it('answers without a key', async () => expect((await call(row, undefined)).status).toBe(200));
      return;
    }
    it('answers 401 without a key', async () => expect((await call(row, undefined)).status).toBe(401));
    it('answers 401 to a revoked key', async () => expect((await call(row, keys.revoked)).status).toBe(401));
    it.each(ACTORS)('as %s', async (actor) => {
      const key = actor === 'librarian' ? world().keys[row.party ?? Object.keys(world().keys)[0]] : keys[actor];
      const response = await call(row, key);
      const allowed = (row.allowed as readonly Actor[]).includes(actor);
      if (allowed) {
        // Past authorisation: anything but 401 and 403 (the act itself may still be refused, e.g. 409).
        expect({ actor, status: response.status, problem: [401, 403].includes(response.status) ? response.body : undefined }).toEqual({
          actor,
          status: expect.any(Number),
          problem: undefined,
        });
      } else {
        expect({ status: response.status, type: response.headers['content-type'] }).toEqual({
          status: 403,
          type: expect.stringMatching(/^application\/problem\+json/),
        });
        // A role the route does not take is told which roles it takes.
        const roleOf = (who: Actor) => (who === 'otherLibrarian' ? 'librarian' : who);
        const roles = new Set((row.allowed as readonly Actor[]).map(roleOf));
        if (!roles.has(roleOf(actor))) {
          const [, article, role, takes] = /^(a|an) (\w+) key may not do this: it takes a (.+) key$/.exec(response.body.detail) ?? [];
          expect({ code: response.body.code, article, role, takes: new Set(takes?.split(' or ')) }).toEqual({
            code: 'role-not-allowed', article: /^[aeiou]/.test(roleOf(actor)) ? 'an' : 'a', role: roleOf(actor), takes: roles,
          });
        }
      }
    });
  });
});
