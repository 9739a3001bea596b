import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { ADMIN_KEY, bearer, type RunningLedger } from './support/ledger-app';
import { PROBLEM } from './support/problems';
import { useLedger } from './support/use-ledger';
import { BORROWER } from './support/world';
import { startEarlyInRateWindow } from './support/rate-window';

const portOf = (ledger: RunningLedger) => Number(new URL(ledger.url).port);

type RawAnswer = Readonly<{ text: string; closedByServer: boolean; bytesSent: number }>;

/**
 * Opens a connection, sends `head` at once, then trickles `trickle` one byte
 * every 100 ms, as a slow or hostile client would. Resolves with what came
 * back once the server closes the connection, or once the whole trickle has
 * been sent and the client gives up (closedByServer: false).
 */
const trickle = (ledger: RunningLedger, head: string, trickleText: string): Promise<RawAnswer> =>
  new Promise((resolve, reject) => {
    const socket: Socket = connect(portOf(ledger), '127.0.0.1');
    let text = '';
    let bytesSent = 0;
    let timer: NodeJS.Timeout | undefined;
    const finish = (closedByServer: boolean) => {
      clearInterval(timer);
      socket.destroy();
      resolve({ text, closedByServer, bytesSent });
    };
    socket.on('data', (chunk) => (text += chunk.toString('utf8')));
    socket.on('close', () => finish(true));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? finish(true) : reject(error)));
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (bytesSent === trickleText.length) return finish(false);
        socket.write(trickleText[bytesSent++]);
      }, 100);
    });
  });

const statusOf = (answer: RawAnswer) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer.text)?.[1]);
const bodyOf = (answer: RawAnswer) => JSON.parse(answer.text.slice(answer.text.indexOf('\r\n\r\n') + 4));

describe('slow clients', () => {
  const { ledger, world, head } = useLedger({ env: { LEDGER_REQUEST_TIMEOUT_SECONDS: '2', LEDGER_HEADERS_TIMEOUT_SECONDS: '1' } });

  it.each(['application/json', 'application/xml'])('answers a body in %s whose Content-Length is over the limit 413 at once, before the client sends it', async (type) => {
    const before = await head();
    const start =
      `POST /v1/loans HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${world().keys[BORROWER]}\r\n` +
      `Content-Type: ${type}\r\nContent-Length: 2000000\r\n\r\n`;
    // Ten bytes over a second, then the client gives up: an answer that waited for more of the body would come too late.
    const answer = await trickle(ledger(), start, '<loan/>{}{}'.slice(0, 10));
    expect({ closedByServer: answer.closedByServer, status: statusOf(answer) }).toEqual({ closedByServer: true, status: 413 });
    expect(bodyOf(answer)).toMatchObject({ status: 413, errors: [{ field: 'body' }] });
    expect(await head()).toBe(before);
  });

  it('answers a body sent without a valid key 401 at once and closes the connection, with no second answer on it', async () => {
    const before = await head();
    const start =
      'POST /v1/loans HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer not-a-key-of-this-ledger\r\n' +
      'Content-Type: application/json\r\nContent-Length: 5000\r\n\r\n';
    // Ten bytes over a second, then the client gives up; left open, the connection would have got a 408 at the request timeout too.
    const answer = await trickle(ledger(), start, '{"a":1}   '.slice(0, 10));
    expect({ closedByServer: answer.closedByServer, status: statusOf(answer), answers: answer.text.match(/HTTP\/1\.1 \d{3}/g)?.length }).toEqual({ closedByServer: true, status: 401, answers: 1 });
    expect(answer.text).toMatch(/\r\nconnection: close\r\n/i);
    expect(await head()).toBe(before);
  });

  it('answers 20 uploads trickling their body 408 problem+json and closes them, writing nothing', async () => {
    const before = await head();
    const body = JSON.stringify({ agreementId: world().agreementId, lender: 'DE-1', item: { title: 'x'.repeat(200) } });
    const start =
      `POST /v1/loans HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${world().keys[BORROWER]}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
    const answers = await Promise.all(Array.from({ length: 20 }, () => trickle(ledger(), start, body)));
    for (const answer of answers) {
      expect({ closedByServer: answer.closedByServer, status: statusOf(answer) }).toEqual({ closedByServer: true, status: 408 });
      expect(answer.text).toMatch(/\r\ncontent-type: application\/problem\+json\r\n/i);
      expect(bodyOf(answer)).toMatchObject({ status: 408, code: 'request-timeout' });
      expect(answer.bytesSent).toBeLessThan(body.length);
    }
    expect(await head()).toBe(before);
  });

  it('answers headers that never end 408 problem+json', async () => {
    const answer = await trickle(ledger(), 'GET /v1/loans HTTP/1.1\r\nHost: 127.0.0.1\r\n', `X-Slow: ${'y'.repeat(200)}\r\n\r\n`);
    expect({ closedByServer: answer.closedByServer, status: statusOf(answer) }).toEqual({ closedByServer: true, status: 408 });
    expect(bodyOf(answer)).toMatchObject({ status: 408, code: 'request-timeout' });
  });

  it('still answers a client that sends in time', async () => {
    expect((await ledger().http().get('/v1/loans').set(bearer(ADMIN_KEY))).status).toBe(200);
  });
});

/** Sends `text` as it is and resolves with what came back once the server closes the connection (bounded: 5 s). */
const sendRaw = (ledger: RunningLedger, text: string): Promise<RawAnswer> =>
  new Promise((resolve, reject) => {
    const socket: Socket = connect(portOf(ledger), '127.0.0.1');
    let answer = '';
    const bound = setTimeout(() => socket.destroy(), 5000);
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('close', () => {
      clearTimeout(bound);
      resolve({ text: answer, closedByServer: true, bytesSent: text.length });
    });
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
    socket.on('connect', () => socket.write(text));
  });

describe('requests that are not HTTP', () => {
  const { ledger, world, head } = useLedger();
  const post = (headers: string, body: string) =>
    `POST /v1/loans HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${world().keys[BORROWER]}\r\n` +
    `Content-Type: application/json\r\n${headers}\r\n${body}`;

  it.each([
    ['a chunk size that is not hex', () => post('Transfer-Encoding: chunked\r\n', 'zz\r\n{}\r\n0\r\n\r\n'), 'body'],
    ['Content-Length beside Transfer-Encoding', () => post('Content-Length: 2\r\nTransfer-Encoding: chunked\r\n', '2\r\n{}\r\n0\r\n\r\n'), 'Transfer-Encoding'],
    ['a Content-Length that is not a number', () => post('Content-Length: two\r\n', '{}'), 'Content-Length'],
    ['a header name with a space in it', () => 'GET /v1/loans HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Name: x\r\n\r\n', 'headers'],
    ['an HTTP version that does not exist', () => 'GET /v1/loans HTTP/7.3\r\nHost: 127.0.0.1\r\n\r\n', 'version'],
  ])('answers %s 400 problem+json naming the part and why, closes the connection and writes nothing', async (_, text, field) => {
    const before = await head();
    const answer = await sendRaw(ledger(), text());
    expect(statusOf(answer)).toBe(400);
    expect(answer.text).toMatch(/\r\ncontent-type: application\/problem\+json\r\n/i);
    const body = bodyOf(answer);
    expect(body).toMatchObject({ status: 400, code: 'bad-request', errors: [{ field, message: body.detail }] });
    expect(body.detail).toMatch(/^the request is not valid HTTP\/1\.1: \S/);
    expect(await head()).toBe(before);
  });
});

describe('keys are checked before the body is read', () => {
  const { ledger } = useLedger({ world: false, env: { LEDGER_BODY_LIMIT_BYTES: '4096' } });
  const post = (key: string, body: string) =>
    ledger().http().post('/v1/partners').set(bearer(key)).set('Content-Type', 'application/json').send(body);

  it.each([
    ['malformed JSON', '{"isil":'],
    ['a body over the limit', JSON.stringify({ isil: 'DE-1', name: 'x'.repeat(5000) })],
    ['JSON nested 3,000 deep', `{"name":${'['.repeat(3000)}${']'.repeat(3000)}}`],
  ])('answers a bad key with %s 401, not the body error', async (_, body) => {
    const response = await post('not-a-key-at-all-0123456789', body);
    expect({ status: response.status, code: response.body.code }).toEqual({ status: 401, code: 'unauthorized' });
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('answers a good key with the same body the body error', async () => {
    expect((await post(ADMIN_KEY, '{"isil":')).status).toBe(400);
    expect((await post(ADMIN_KEY, JSON.stringify({ isil: 'DE-1', name: 'x'.repeat(5000) }))).status).toBe(413);
  });
});

/** A GET from a chosen loopback address, so two clients can be told apart. */
const getFrom = (ledger: RunningLedger, localAddress: string, key: string, forwardedFor?: string): Promise<{ status: number; retryAfter?: string; type?: string }> =>
  new Promise((resolve, reject) => {
    const headers = { ...bearer(key), ...(forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }) };
    const request = httpRequest(
      { host: '127.0.0.1', port: portOf(ledger), path: '/v1/api-keys', localAddress, headers },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve({ status: response.statusCode!, retryAfter: response.headers['retry-after'], type: response.headers['content-type'] }),
        );
      },
    );
    request.on('error', reject);
    request.end();
  });

describe('failed authentications per client address', () => {
  const { ledger } = useLedger({ world: false, env: { LEDGER_AUTH_FAILURES_PER_MINUTE: '5' } });

  it('answers 429 with Retry-After once an address fails too often, even to a good key, and only that address', async () => {
    await startEarlyInRateWindow();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await getFrom(ledger(), '127.0.0.2', `wrong-key-${i}-0123456789abcdef`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);

    const guessing = await getFrom(ledger(), '127.0.0.2', 'wrong-key-5-0123456789abcdef');
    expect(guessing.status).toBe(429);
    expect(guessing.type).toMatch(PROBLEM);
    expect(Number(guessing.retryAfter)).toBeGreaterThan(0);
    // Refused before the key is looked up, so a right guess cannot be told from a wrong one.
    expect((await getFrom(ledger(), '127.0.0.2', ADMIN_KEY)).status).toBe(429);

    expect((await getFrom(ledger(), '127.0.0.3', ADMIN_KEY)).status).toBe(200);
  });
});

describe('failed authentications per client behind a trusted proxy (LEDGER_TRUST_PROXY)', () => {
  // 127.0.0.4 stands for the load balancer; every client comes through it.
  const { ledger } = useLedger({ world: false, env: { LEDGER_AUTH_FAILURES_PER_MINUTE: '5', LEDGER_TRUST_PROXY: '127.0.0.4' } });

  it('counts them by the client the proxy names, so one client guessing keys locks out only itself', async () => {
    await startEarlyInRateWindow();
    for (let i = 0; i < 5; i++) expect((await getFrom(ledger(), '127.0.0.4', `wrong-key-${i}-0123456789abcdef`, '203.0.113.7')).status).toBe(401);
    expect((await getFrom(ledger(), '127.0.0.4', ADMIN_KEY, '203.0.113.7')).status).toBe(429);
    expect((await getFrom(ledger(), '127.0.0.4', ADMIN_KEY, '198.51.100.9')).status).toBe(200);
    // From an address that is not the proxy, X-Forwarded-For says nothing: a client cannot pose as another.
    for (let i = 0; i < 5; i++) expect((await getFrom(ledger(), '127.0.0.5', `wrong-key-${i}-0123456789abcdef`, `192.0.2.${i}`)).status).toBe(401);
    expect((await getFrom(ledger(), '127.0.0.5', ADMIN_KEY, '192.0.2.99')).status).toBe(429);
  });
});
