import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { DeliveryOutcome } from '../../application/subscriptions/delivery/delivery-target';
import type { HttpDestinations } from './destination-policy';

export type PostOptions = Readonly<{
  timeoutMs: number;
  signal: AbortSignal;
  destinations: HttpDestinations;
  /** How much of the answer is kept. */
  maxResponseBytes: number;
}>;

const failure = (error: string, status: number | null = null, response: string | null = null): DeliveryOutcome => ({ ok: false, status, error, response });

/**
 * POSTs a payload and reports what the receiver answered: ok for any 2xx.
 * Never throws; a timeout, a refused address or a reset is a failed outcome.
 */
export const postPayload = (url: string, headers: Record<string, string>, body: string, options: PostOptions): Promise<DeliveryOutcome> => {
  let target: URL;
  try {
    target = options.destinations.parse(url, 'url');
  } catch (error) {
    return Promise.resolve(failure((error as Error).message));
  }
  const refused = options.destinations.refuseLiteral(target);
  if (refused) return Promise.resolve(failure(refused));
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const requestOptions: RequestOptions = {
    method: 'POST',
    headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
    lookup: options.destinations.lookup as RequestOptions['lookup'],
    signal: AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]),
  };
  return new Promise((resolve) => {
    const req = send(target, requestOptions, (res) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      res.on('data', (chunk: Buffer) => {
        if (kept < options.maxResponseBytes) chunks.push(chunk.subarray(0, options.maxResponseBytes - kept));
        kept += chunk.length;
      });
      res.on('end', () => {
        const status = res.statusCode ?? null;
        const response = Buffer.concat(chunks).toString('utf8');
        const ok = status !== null && status >= 200 && status < 300;
        resolve({ ok, status, error: ok ? null : `the receiver answered ${status}`, response });
      });
      res.on('error', (error) => resolve(failure(error.message, res.statusCode ?? null)));
    });
    req.on('error', (error) => resolve(failure(error.name === 'AbortError' || error.name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms or stopped` : error.message)));
    req.end(body);
  });
};
