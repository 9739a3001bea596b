import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest, RawServerDefault } from 'fastify';
import { decodeXml } from '../../iso18626/iso18626.encoding';

/** The media types an ISO 18626 message comes in. */
export const XML_MEDIA_TYPES = ['application/xml', 'text/xml'];

/**
 * A request with an XML body, and why its bytes could not be read as text
 * when they could not. The route refuses such a message with the standard's
 * confirmation; an error from the body parser would be answered before the
 * route, as a problem document.
 */
export type XmlRequest = FastifyRequest & { unreadableXml?: string };

/**
 * XML bodies are kept as text, for the one route that reads them (POST
 * /v1/iso18626) to check and keep verbatim; one that cannot be read as text
 * comes with an empty body and why (see XmlRequest).
 */
export const parseXmlBodies = (app: NestFastifyApplication, bodyLimit: number): void => {
  app.useBodyParser<RawServerDefault>(XML_MEDIA_TYPES, { bodyLimit }, (request: XmlRequest, body, done) => {
    const decoded = decodeXml(body, request.headers['content-type']);
    if ('unreadable' in decoded) request.unreadableXml = decoded.unreadable;
    done(null, 'text' in decoded ? decoded.text : '');
  });
};
