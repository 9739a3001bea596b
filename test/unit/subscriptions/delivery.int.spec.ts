import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { retryDelay } from '../../../src/application/subscriptions/delivery/delivery-target';
import { HttpDestinations, isPrivateAddress } from '../../../src/infrastructure/subscriptions/destination-policy';
import { postPayload } from '../../../src/infrastructure/subscriptions/http-post';

describe('retry delays', () => {
  const policy = { baseDelayMs: 100, maxDelayMs: 1000, maxFailures: 10 };

  it('double with each attempt up to the cap, half of each fixed and half jitter', () => {
    expect([1, 2, 3, 4, 5, 9].map((attempt) => retryDelay(attempt, policy, () => 0))).toEqual([50, 100, 200, 400, 500, 500]);
    expect([1, 2, 3, 4, 5, 9].map((attempt) => retryDelay(attempt, policy, () => 1))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
});

describe('the destination check at delivery', () => {
  let server: ReturnType<typeof createServer>;
  let port: number;
  let requests = 0;
  beforeAll(async () => {
    server = createServer((_, res) => {
      requests += 1;
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (url: string, allowPrivate: boolean) =>
    postPayload(url, { 'content-type': 'text/plain' }, 'hello', {
      timeoutMs: 5000,
      signal: new AbortController().signal,
      destinations: new HttpDestinations({ allowPrivate, allowHttp: true }),
      maxResponseBytes: 100,
    });

  it('refuses a name that resolves to a private address when it connects, before sending anything', async () => {
    const before = requests;
    expect(await post(`http://localhost:${port}/in`, false)).toEqual({ ok: false, status: null, error: expect.stringMatching(/private address/), response: null });
    expect(await post(`http://127.0.0.1:${port}/in`, false)).toEqual({ ok: false, status: null, error: expect.stringMatching(/127\.0\.0\.1 is a loopback/), response: null });
    expect(requests).toBe(before);
  });

  it('refuses plain http at delivery unless the operator allows it, before connecting', async () => {
    const before = requests;
    const outcome = await postPayload(`http://127.0.0.1:${port}/in`, {}, 'hello', {
      timeoutMs: 5000,
      signal: new AbortController().signal,
      destinations: new HttpDestinations({ allowPrivate: true, allowHttp: false }),
      maxResponseBytes: 100,
    });
    expect(outcome).toEqual({ ok: false, status: null, error: 'url must use https', response: null });
    expect(requests).toBe(before);
  });

  it('gives up on an attempt the receiver does not answer within the timeout, as a failure without a status', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const outcome = await postPayload(`http://127.0.0.1:${(silent.address() as AddressInfo).port}/in`, {}, 'hello', {
        timeoutMs: 100,
        signal: new AbortController().signal,
        destinations: new HttpDestinations({ allowPrivate: true, allowHttp: true }),
        maxResponseBytes: 100,
      });
      expect(outcome).toEqual({ ok: false, status: null, error: 'no answer within 100 ms or stopped', response: null });
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('fails an attempt Node will not send (a header value with a control character), without sending anything', async () => {
    const before = requests;
    const outcome = await postPayload(`http://127.0.0.1:${port}/in`, { authorization: 'Bearer a\u0001b' }, 'hello', {
      timeoutMs: 5000,
      signal: new AbortController().signal,
      destinations: new HttpDestinations({ allowPrivate: true, allowHttp: true }),
      maxResponseBytes: 100,
    });
    expect(outcome).toEqual({ ok: false, status: null, error: expect.stringMatching(/Invalid character in header content \["authorization"\]/), response: null });
    expect(requests).toBe(before);
  });

  it('refuses a URL whose user name or password does not percent-decode (Node would throw on it), before connecting', async () => {
    const before = requests;
    expect(await post(`http://user:%E0@127.0.0.1:${port}/in`, true)).toEqual({ ok: false, status: null, error: 'url has a user name or password that is not percent-encoded UTF-8', response: null });
    expect(requests).toBe(before);
  });

  it('sends when the operator allows private addresses, and keeps the answer', async () => {
    expect(await post(`http://localhost:${port}/in`, true)).toEqual({ ok: true, status: 200, error: null, response: 'ok' });
  });

  it.each(['127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00:ec2::254', '::ffff:10.0.0.1', '::ffff:7f00:1', '64:ff9b::a00:1',
    // Documentation and other reserved ranges, and IPv6 forms that carry an IPv4 address (6to4 of 127.0.0.1, IPv4-compatible, Teredo, NAT64 local-use).
    '192.0.2.1', '198.51.100.2', '203.0.113.5', '192.88.99.1', '2002:7f00:1::', '::127.0.0.1', 'fec0::1', '2001:db8::1', '2001::1', '100::1', '64:ff9b:1::1'])(
    'counts %s as private',
    (address) => expect(isPrivateAddress(address)).toBe(true),
  );
  it.each(['93.184.216.34', '8.8.8.8', '::ffff:8.8.8.8', '2606:4700:4700::1111'])('counts %s as public', (address) => expect(isPrivateAddress(address)).toBe(false));
});
