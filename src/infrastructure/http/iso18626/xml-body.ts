import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { errorCodes, type FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { contentCodingOf } from '../../content-type';
import { decodeXml, startOf } from '../../iso18626/iso18626.encoding';
import { readOpening } from '../../iso18626/iso18626.xml';

/** The media types an ISO 18626 message comes in. */
export const XML_MEDIA_TYPES = ['application/xml', 'text/xml'];

/** How much of a message over the limit is read: enough for the root's and its first child's start tags, which say which message it is. */
const OPENING_BYTES = 4096;

/**
 * A request with an XML body, and why it could not be read when it could
 * not: over the limit, or bytes that are not text. The route refuses such a
 * message with the standard's confirmation; an error from the body parser
 * (Fastify's 413 among them) would be answered before the route, as a
 * problem document.
 */
export type XmlRequest = FastifyRequest & { unreadableXml?: string };

type Read = Readonly<{ bytes: Buffer; whole: boolean }>;

/** Whether the bytes of a message over the limit hold all the confirmation can use of it: its opening and its header. */
const openingIn = (bytes: Buffer): boolean => readOpening(startOf(bytes, OPENING_BYTES)).header !== undefined;

/**
 * The body's bytes, up to `limit`. Past it, or once its Content-Length says
 * it will go past it and the opening is in (OPENING_BYTES of it, or less
 * when they already hold the message's header), reading stops: the rest
 * flows on unkept, as after Fastify's own 413. A stream that fails is a
 * client error (400), as Fastify has it, never the service's.
 */
const readUpTo = (request: FastifyRequest, payload: IncomingMessage, limit: number, then: (error: Error | null, read?: Read) => void): void => {
  const over = Number(request.headers['content-length']) > limit;
  const chunks: Buffer[] = [];
  let received = 0;
  const finish = (error: Error | null, read?: Read) => {
    payload.removeListener('data', onData);
    payload.removeListener('end', onEnd);
    payload.removeListener('error', onError);
    then(error, read);
  };
  const onData = (chunk: Buffer) => {
    chunks.push(chunk);
    received += chunk.length;
    if (received > limit || (over && (received >= OPENING_BYTES || openingIn(Buffer.concat(chunks))))) finish(null, { bytes: Buffer.concat(chunks), whole: false });
  };
  const onEnd = () => finish(null, { bytes: Buffer.concat(chunks), whole: !over });
  const onError = (error: Error & { statusCode?: number }) => finish(Object.assign(error, { statusCode: error.statusCode ?? 400 }));
  payload.on('data', onData);
  payload.on('end', onEnd);
  payload.on('error', onError);
};

/**
 * XML bodies are kept as text, for the routes that read them (`takesXml`,
 * "METHOD /path": POST /v1/iso18626) to check and keep verbatim. One that
 * cannot be read as text comes with an empty body and why (see XmlRequest);
 * one over the limit with its opening, so that its confirmation can be the
 * one its kind calls for, and why; one in a content coding (gzip), which
 * the service decodes nowhere, empty and why, where another route answers
 * 415 as for JSON. The rest of such a body is left unread:
 * Node answers a request whose body it has not read to the end with
 * `Connection: close` and closes the connection, which cannot carry another
 * request (the ISO 18626 spec holds it). Another route answers a body over
 * the limit 413, as for JSON: at once when its Content-Length says so.
 */
export const parseXmlBodies = (app: NestFastifyApplication, bodyLimit: number, takesXml: ReadonlySet<string>): void => {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addContentTypeParser(XML_MEDIA_TYPES, (request: XmlRequest, payload, done) => {
    const readsXml = takesXml.has(`${request.method} ${request.routeOptions.url}`);
    const coding = contentCodingOf(request.headers);
    if (coding !== undefined) {
      const why = `a message in Content-Encoding ${coding} is not taken; send it as it is`;
      if (!readsXml) return done(new UnsupportedMediaTypeException(why), undefined);
      request.unreadableXml = why;
      return done(null, '');
    }
    // As Fastify does for JSON: a body that says it is over the limit is refused before a byte of it is read.
    if (!readsXml && Number(request.headers['content-length']) > bodyLimit) return done(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE(), undefined);
    readUpTo(request, payload, bodyLimit, (error, read) => {
      if (error || read === undefined) {
        done(error, undefined);
      } else if (read.whole) {
        const decoded = decodeXml(read.bytes, request.headers['content-type']);
        if ('unreadable' in decoded) request.unreadableXml = decoded.unreadable;
        // A message that cannot be read as text still says, in its markup, which it is: its confirmation is of that kind.
        done(null, 'text' in decoded ? decoded.text : startOf(read.bytes, OPENING_BYTES));
      } else if (readsXml) {
        request.unreadableXml = `the message is larger than ${bodyLimit} bytes, the most the ledger takes`;
        done(null, startOf(read.bytes, OPENING_BYTES));
      } else {
        done(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE(), undefined);
      }
    });
  });
};
