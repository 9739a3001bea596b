import { ArgumentsHost, Catch, ExceptionFilter, Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../../../application/ports/clock.port';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Iso18626Refusal, type Iso18626ErrorType, type Iso18626Header } from '../../../domain/iso18626';
import { readMessage, readOpening, renderConfirmation, type ReadMessage } from '../../iso18626/iso18626.xml';
import { sendProblem, toProblem } from '../problem/problem.filter';

export const XML_CONTENT_TYPE = 'application/xml; charset=utf-8';

/**
 * Refusals of the body are the message's errors. The key is checked as on
 * every route (401, and 403 for a role that sends no messages: no ILL system
 * speaks with it); the service's own failures may be retried (409, 5xx).
 */
const ERROR_TYPE_OF_STATUS: Readonly<Record<number, Iso18626ErrorType>> = {
  400: 'BadlyFormedMessage', 404: 'UnrecognisedDataValue', 415: 'BadlyFormedMessage',
};

const tryRead = (body: unknown): ReadMessage | undefined => {
  try {
    return typeof body === 'string' ? readMessage(body) : undefined;
  } catch {
    return undefined;
  }
};

const textAt = (value: unknown, ...path: string[]): string | undefined => {
  let at: unknown = value;
  for (const key of path) at = at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined;
  return typeof at === 'string' && at !== '' ? at : undefined;
};

/** Whatever of the header could be read, echoed in the confirmation so the sender can match it. */
const headerOf = (header: unknown): Partial<Iso18626Header> => {
  const fields = {
    requestingAgency: textAt(header, 'requestingAgencyId', 'agencyIdValue'),
    supplyingAgency: textAt(header, 'supplyingAgencyId', 'agencyIdValue'),
    requestingAgencyRequestId: textAt(header, 'requestingAgencyRequestId'),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
};

/**
 * Answers a refused ISO 18626 message with the standard's confirmation,
 * messageStatus ERROR and its errorData, never with a problem document. Only
 * a key that may not send messages at all (401, 403 for its role) and the
 * service's own failures (a store that is down, a concurrent change) stay
 * problems, the latter with their 5xx or 409 so the sender retries.
 */
@Catch()
@Injectable()
export class Iso18626ErrorFilter implements ExceptionFilter {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest & { iso18626ReceivedAt?: Date }>();
    const reply = http.getResponse<FastifyReply>();
    const refusal = error instanceof Iso18626Refusal ? error : undefined;
    const problem = refusal ? undefined : toProblem(error);
    const errorType = refusal?.errorType ?? (problem ? ERROR_TYPE_OF_STATUS[problem.status] : undefined);
    if (errorType === undefined) {
      void sendProblem(request, reply, error);
      return;
    }
    const read = tryRead(request.body);
    // A message that cannot be read whole is still answered with the confirmation its opening calls for, naming its header's ids.
    const { version, kind, header } = read ? { ...read, header: read.body.header } : typeof request.body === 'string' ? readOpening(request.body) : {};
    const now = this.clock.now().toISOString();
    const body = renderConfirmation({
      version: version ?? '1.2',
      kind,
      header: headerOf(header),
      echo: textAt(read?.body, 'messageInfo', 'reasonForMessage') ?? textAt(read?.body, 'action'),
      timestamp: now,
      timestampReceived: request.iso18626ReceivedAt?.toISOString() ?? now,
      error: { errorType, errorValue: refusal?.errorValue ?? String(problem?.detail ?? problem?.title) },
    });
    void reply.status(200).header('content-type', XML_CONTENT_TYPE).send(body);
  }
}
