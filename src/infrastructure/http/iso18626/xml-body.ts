import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RawServerDefault } from 'fastify';

/** The media types an ISO 18626 message comes in. */
export const XML_MEDIA_TYPES = ['application/xml', 'text/xml'];

/** XML bodies are kept as text, for the one route that reads them (POST /v1/iso18626) to check and keep verbatim. */
export const parseXmlBodies = (app: NestFastifyApplication, bodyLimit: number): void => {
  app.useBodyParser<RawServerDefault>(XML_MEDIA_TYPES, { bodyLimit }, (_request, body, done) => {
    done(null, Buffer.isBuffer(body) ? body.toString('utf8') : String(body));
  });
};
