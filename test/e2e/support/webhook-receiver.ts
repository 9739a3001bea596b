import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Delivery = Readonly<{ headers: IncomingHttpHeaders; body: string; answered: number }>;

/**
 * A real HTTP receiver on 127.0.0.1 that answers each delivery with the status
 * `answer` picks (given how many came before), keeping every request it got.
 */
export const startReceiver = async (answer: (index: number) => number = () => 204) => {
  const deliveries: Delivery[] = [];
  let decide = answer;
  let held: { gate: Promise<void>; open: () => void } | null = null;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', async () => {
      await held?.gate;
      const answered = decide(deliveries.length);
      deliveries.push({ headers: req.headers, body, answered });
      res.writeHead(answered, { 'content-type': 'text/plain' }).end(answered < 300 ? 'thanks' : 'not now');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    deliveries,
    /** The webhook-ids of the deliveries it acknowledged. */
    acknowledged: () => deliveries.filter((d) => d.answered < 300).map((d) => d.headers['webhook-id'] as string),
    answerWith: (next: (index: number) => number) => (decide = next),
    /** Leaves every delivery unanswered (as a receiver that hangs) until `release`. */
    hold: () => {
      let open!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      held = { gate, open };
    },
    release: () => {
      held?.open();
      held = null;
    },
    stop: () => {
      held?.open();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

/** Consecutive repeats folded into one: what a receiver that drops redeliveries by webhook-id keeps. */
export const withoutRepeats = (ids: readonly string[]): string[] => ids.filter((id, i) => i === 0 || ids[i - 1] !== id);
