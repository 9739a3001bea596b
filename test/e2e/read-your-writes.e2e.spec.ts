import { randomUUID } from 'node:crypto';
import { ProjectionRunner } from '../../src/application/projections/projection-runner';
import { declaredRoutes } from '../../src/infrastructure/http/routes';
import { PROBLEM } from './support/problems';
import { useLedger } from './support/use-ledger';
import { BORROWER, LENDER, yesterday } from './support/world';

/**
 * Issue 8 item 3: every query takes `minPosition` and waits for the read
 * models to fold it, or answers 503 read-models-behind; a single read waits
 * for a document whose stream is written but not yet folded.
 */
describe('reading your own writes', () => {
  const { ledger, world, post, get, head } = useLedger({ env: { LEDGER_RATE_LIMIT_PER_MINUTE: '1000000' } });
  const runner = () => ledger().app.get(ProjectionRunner);

  /**
   * The GETs that do not wait, as they read no read model of the log: API keys, the read models' own
   * status, webhooks' settings and deliveries, the audit routes (they read the log itself) and the live
   * feed (it resumes by position with Last-Event-ID), a partner's ISO 18626 endpoint (settings, like a webhook's),
   * and the readiness details (they say how far behind the read models are, so they never wait for them).
   */
  const notQueries = ['/v1/api-keys', '/v1/projections', '/v1/health/ready', '/v1/events/live', '/v1/partners/:isil/iso18626-endpoint', '/v1/partners/:isil/iso18626-endpoint/deliveries'];
  const notQueryPrefixes = ['/v1/webhooks', '/v1/audit/'];
  const queryRoutes = () =>
    declaredRoutes().filter(
      (route) =>
        route.method === 'GET' && route.path.startsWith('/v1/') && !notQueries.includes(route.path) && !notQueryPrefixes.some((p) => route.path.startsWith(p)),
    );

  /** A URL for a query route: its path parameters and required parameters filled with well-formed values. */
  const urlOf = (path: string, minPosition: string): string => {
    const filled = path
      .replace(':isil', BORROWER)
      .replace(':isbn', '9780306406157')
      .replace(':streamId', `agreement-${world().agreementId}`)
      .replace(':id', path.startsWith('/v1/agreements') ? world().agreementId : randomUUID());
    const required: Record<string, string> = {
      '/v1/catalog/new-acquisitions': `since=${yesterday()}`,
      '/v1/reports/fairness': `agreement=${world().agreementId}&from=${yesterday()}&to=${yesterday()}`,
      '/v1/lenders/suggest': `isbn=9780306406157&borrower=${BORROWER}`,
      '/v1/balances/matrix': 'unit=loan',
      '/v1/reports/lending-by-month': `agreement=${world().agreementId}&from=${yesterday()}&to=${yesterday()}`,
    };
    return `${filled}?${required[path] ? `${required[path]}&` : ''}minPosition=${minPosition}`;
  };

  it('takes minPosition on every query and answers 503 read-models-behind when the read models do not reach it', async () => {
    const beyond = String(BigInt((await head())!) + 1000n);
    const routes = queryRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(18);

    const answers = await Promise.all(routes.map(async ({ path }) => ({ path, response: await get(urlOf(path, beyond)) })));

    expect(answers.map(({ path, response }) => [path, response.status, response.headers['content-type'], response.body.code])).toEqual(
      routes.map(({ path }) => [path, 503, expect.stringMatching(PROBLEM), 'read-models-behind']),
    );
  }, 30_000);

  it('answers every list with what was just written once the read models reach minPosition', async () => {
    const position = (await head())!;
    const lists = queryRoutes().filter(({ path }) => !path.includes(':'));

    const answers = await Promise.all(lists.map(async ({ path }) => ({ path, status: (await get(urlOf(path, position))).status })));

    expect(answers).toEqual(lists.map(({ path }) => ({ path, status: 200 })));
  });

  describe('while the read models are behind', () => {
    const requestWhileStopped = async () => {
      await runner().stop();
      const requested = await post('/v1/loans', world().keys[BORROWER], { agreementId: world().agreementId, lender: LENDER, item: { title: 'Ronggeng Dukuh Paruk' } });
      expect(requested.status).toBe(201);
      return requested.body as { loanId: string; position: string };
    };
    const restartSoon = () => setTimeout(() => void runner().start(), 300);

    it('waits for a loan not yet folded rather than answering 404, even without minPosition', async () => {
      const { loanId } = await requestWhileStopped();
      restartSoon();

      const response = await get(`/v1/loans/${loanId}`);

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ loanId, borrower: BORROWER, lender: LENDER, status: 'requested' });
    });

    it('lists a loan just requested when asked with its position', async () => {
      const { loanId, position } = await requestWhileStopped();
      restartSoon();

      const response = await get(`/v1/loans?borrower=${BORROWER}&minPosition=${position}&limit=500`);

      expect(response.status).toBe(200);
      expect(response.body.items.map((loan: { loanId: string }) => loan.loanId)).toContain(loanId);
    });

    it('still answers 404 at once for a loan that was never requested', async () => {
      const response = await get(`/v1/loans/${randomUUID()}`);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('loan-not-found');
    });
  });
});
