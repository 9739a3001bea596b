import { declaredRoutes, idempotentRoutes } from '../../../src/infrastructure/http/routes';

describe('the routes whose answers are kept under an Idempotency-Key', () => {
  const kept = idempotentRoutes();
  const name = ({ method, path }: { method: string; path: string }) => `${method} ${path}`;

  it('are every command: each POST that needs a key', () => {
    const commands = declaredRoutes().filter((route) => route.method === 'POST' && !route.public && !route.notIdempotent);
    expect(commands.length).toBeGreaterThan(20);
    expect([...kept].sort()).toEqual(commands.map(name).sort());
    expect(kept).toContain('POST /v1/loans');
    expect(kept).toContain('POST /v1/loans/:id/accept');
  });

  it('leave out the POSTs whose answer holds a secret shown once, and the ISO 18626 endpoint', () => {
    for (const route of ['POST /v1/api-keys', 'POST /v1/webhooks', 'POST /v1/webhooks/:id/secret', 'POST /v1/iso18626']) {
      expect(declaredRoutes().map(name)).toContain(route);
      expect(kept).not.toContain(route);
    }
  });

  it('hold no other method, so queries pass the hooks at once', () => {
    expect([...kept].filter((route) => !route.startsWith('POST '))).toEqual([]);
  });
});
