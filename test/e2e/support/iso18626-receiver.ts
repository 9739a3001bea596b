import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { confirmationFor } from './iso18626';

export type Received = Readonly<{ headers: IncomingHttpHeaders; body: string; status: number; answer: string }>;

/**
 * A partner's ISO 18626 endpoint on 127.0.0.1: answers each message with its
 * OK confirmation, or with the status `fail` picks (given how many came
 * before), keeping everything it got and answered.
 */
export const startIsoReceiver = async (fail: (index: number) => number | null = () => null) => {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const failure = fail(received.length);
      const answer = failure === null ? confirmationFor(body) : 'not now';
      const status = failure ?? 200;
      received.push({ headers: req.headers, body, status, answer });
      res.writeHead(status, { 'content-type': failure === null ? 'application/xml' : 'text/plain' }).end(answer);
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
