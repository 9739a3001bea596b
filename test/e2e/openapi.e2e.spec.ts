import { declaredRoutes } from './support/declared-routes';
import { useLedger } from './support/use-ledger';

type Operation = {
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, unknown>;
  security?: unknown[];
  'x-roles'?: string[];
};

describe('the OpenAPI document', () => {
  const { ledger } = useLedger({ world: false });
  let document: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, { properties?: object }> } };

  beforeAll(async () => {
    const response = await ledger().http().get('/docs-json');
    expect(response.status).toBe(200);
    document = response.body;
  });

  const operations = () =>
    declaredRoutes().map((route) => {
      const [method, path] = route.split(' ');
      const operation = document.paths[path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[method.toLowerCase()];
      return { route, operation };
    });

  it('documents every route the app declares', () => {
    expect(operations().filter(({ operation }) => operation === undefined).map(({ route }) => route)).toEqual([]);
  });

  it('names the roles and the bearer key of every route but the public ones (health probes, the AsyncAPI document)', () => {
    const missing = operations()
      .filter(({ route }) => !route.includes('/health/') && route !== 'GET /asyncapi.json')
      .filter(({ operation }) => !operation?.['x-roles']?.length || !operation.security?.length)
      .map(({ route }) => route);
    expect(missing).toEqual([]);
  });

  it('describes every request body from the DTO validation rules', () => {
    const bodies = operations().filter(({ operation }) => operation?.requestBody);
    expect(bodies.length).toBeGreaterThan(0);
    for (const { route, operation } of bodies) {
      const ref = Object.values(operation!.requestBody!.content)[0].schema.$ref!;
      const schema = document.components.schemas[ref.split('/').pop()!];
      expect({ route, schema: schema !== undefined }).toEqual({ route, schema: true });
    }
    expect(document.components.schemas.RequestLoanDto.properties).toHaveProperty('lender');
    expect(document.components.schemas.RequestLoanDto.properties).toHaveProperty('item');
  });

  it('documents the query parameters of every list from its query DTO', () => {
    const names = (path: string) =>
      ((document.paths[path].get as unknown as { parameters: { name: string; in: string }[] }).parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => p.name)
        .sort();
    expect(names('/v1/loans')).toEqual(['borrower', 'cursor', 'lender', 'limit', 'minPosition', 'status']);
    expect(names('/v1/balances')).toEqual(expect.arrayContaining(['asOf', 'counterparty', 'partner', 'unit']));
    expect(names('/v1/reports/fairness')).toEqual(expect.arrayContaining(['agreement', 'format', 'from', 'to']));
    // Every query reads your own writes (issue 8 item 3), and says so. The trial balance's parameters are
    // missing from the document altogether (an empty DTO subclass), which issue 8 item 10 mends.
    // API keys and the read models' own status are not read models of the log.
    // Not read models of the log (see read-your-writes.e2e.spec.ts), and the trial balance (issue 8 item 10).
    const undocumented = ['/v1/api-keys', '/v1/projections', '/v1/balances/trial', '/v1/events/live'];
    const notReadModels = ['/v1/webhooks', '/v1/audit/'];
    const queries = Object.keys(document.paths).filter(
      (path) => path.startsWith('/v1/') && !undocumented.includes(path) && !notReadModels.some((p) => path.startsWith(p)) && document.paths[path].get,
    );
    expect(queries.filter((path) => !names(path).includes('minPosition'))).toEqual([]);
  });

  it('lists the problem responses', () => {
    const { operation } = operations().find(({ route }) => route === 'POST /v1/loans')!;
    expect(Object.keys(operation!.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '409', '422', '429']));
  });

  it('serves the interactive docs at /docs', async () => {
    const response = await ledger().http().get('/docs');
    expect(response.status).toBe(200);
    expect(response.text).toContain('swagger');
  });
});
