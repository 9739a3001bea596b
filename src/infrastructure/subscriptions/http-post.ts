import { request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { DeliveryOutcome } from '../../application/subscriptions/delivery/delivery-target';
import type { HttpDestinations } from './destination-policy';

export type PostOptions = Readonly<{
  timeoutMs: number;
  signal: AbortSignal;
  destinations: HttpDestinations;
  /** How much of the answer is kept. */
  maxResponseBytes: number;
  /**
   * How a 2xx answer's bytes are read as text, given its Content-Type: as
   * UTF-8 (U+FFFD for what is not) unless told. An answer that cannot be read
   * is no answer: the attempt fails.
   */
  decode?: (bytes: Buffer, contentType: string | undefined) => Readonly<{ text: string }> | Readonly<{ unreadable: string }>;
}>;

const asUtf8 = (bytes: Buffer) => ({ text: bytes.toString('utf8') });

const failure = (error: string, status: number | null = null, response: string | null = null): DeliveryOutcome => ({ ok: false, status, error, response });

/**
 * POSTs a payload and reports what the receiver answered: ok for any 2xx.
 * Never throws; a timeout, a refused address, a reset or a request Node will
 * not send is a failed outcome.
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
    const answered = (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      res.on('data', (chunk: Buffer) => {
        if (kept < options.maxResponseBytes) chunks.push(chunk.subarray(0, options.maxResponseBytes - kept));
        kept += chunk.length;
      });
      res.on('end', () => {
        const status = res.statusCode ?? null;
        const bytes = Buffer.concat(chunks);
        if (status === null || status < 200 || status >= 300) {
          resolve(failure(`the receiver answered ${status}`, status, asUtf8(bytes).text));
          return;
        }
        const decoded = (options.decode ?? asUtf8)(bytes, res.headers['content-type']);
        if ('text' in decoded) resolve({ ok: true, status, error: null, response: decoded.text });
        // What could not be read is still logged as the receiver's answer, as far as UTF-8 reads it.
        else resolve(failure(`the answer could not be read: ${decoded.unreadable}`, status, asUtf8(bytes).text));
      });
      res.on('error', (error) => resolve(failure(error.message, res.statusCode ?? null)));
    };
    let req: ClientRequest;
    try {
      req = send(target, requestOptions, answered);
    } catch (error) {
      // Node refuses by throwing what it cannot send at all: a header value with a control character or
      // one above U+00FF, user info in the URL that is not percent-encoded UTF-8. A failed attempt like
      // any other, so it is logged and counts towards disabling the target, as every failure does.
      resolve(failure((error as Error).message));
      return;
    }
    req.on('error', (error) => resolve(failure(error.name === 'AbortError' || error.name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms or stopped` : error.message)));
    req.end(body);
  });
};
