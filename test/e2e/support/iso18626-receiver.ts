import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { confirmationFor } from './iso18626';

export type Received = Readonly<{ headers: IncomingHttpHeaders; body: string; status: number; answer: string }>;

/** A confirmation as the endpoint sends it: its bytes and their Content-Type. */
export type Encoded = Readonly<{ bytes: Buffer; contentType: string }>;

const asUtf8 = (answer: string): Encoded => ({ bytes: Buffer.from(answer, 'utf8'), contentType: 'application/xml' });

/**
 * A partner's ISO 18626 endpoint on 127.0.0.1: answers each message with its
 * OK confirmation, or with the status `fail` picks (given how many came
 * before), keeping everything it got and answered. `confirm` may answer
 * another confirmation, and `encode` send it in another encoding.
 */
export const startIsoReceiver = async (
  fail: (index: number) => number | null = () => null,
  { confirm = confirmationFor, encode = asUtf8 }: { confirm?: (message: string) => string; encode?: (answer: string, index: number) => Encoded } = {},
) => {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const index = received.length;
      const failure = fail(index);
      if (failure !== null) {
        received.push({ headers: req.headers, body, status: failure, answer: 'not now' });
        res.writeHead(failure, { 'content-type': 'text/plain' }).end('not now');
        return;
      }
      const answer = confirm(body);
      const { bytes, contentType } = encode(answer, index);
      received.push({ headers: req.headers, body, status: 200, answer });
      res.writeHead(200, { 'content-type': contentType }).end(bytes);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/iso18626`,
    received,
    /** What it acknowledged, in order. */
    confirmed: () => received.filter((r) => r.status === 200),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
