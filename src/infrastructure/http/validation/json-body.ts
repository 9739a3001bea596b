import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RawServerDefault } from 'fastify';
import { charsetOf, contentCodingOf } from '../../content-type';
import { BadInput } from '../problem/problem';

/** Deeper than any request the ledger takes; a body nested thousands deep would exhaust the stack of whatever walks it. */
export const MAX_JSON_DEPTH = 32;

/** How deeply the arrays and objects of a JSON text nest, counted without parsing it (so without recursion). */
const nestingDepth = (text: string): number => {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') deepest = Math.max(deepest, ++depth);
    else if (char === '}' || char === ']') depth--;
  }
  return deepest;
};

/** Refuses bytes that are not UTF-8, where Buffer's own decoding would put U+FFFD in their place without a word. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The only body the service reads is JSON (RFC 8259: UTF-8 text), parsed by
 * Fastify's own parser (which refuses `__proto__` and
 * `constructor.prototype`) after a depth check, so a deeply nested body is
 * refused before anything recursive walks it. A body declared in another
 * charset or content coding, or of other media types (text/plain too), is
 * answered 415; bytes that are not UTF-8 are refused (400), never kept as
 * U+FFFD in the log.
 */
export const parseJsonBodiesWithDepthLimit = (app: NestFastifyApplication, bodyLimit: number): void => {
  const fastify = app.getHttpAdapter().getInstance();
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('text/plain');
  app.useBodyParser<RawServerDefault>('application/json', { bodyLimit }, (request, body, done) => {
    const coding = contentCodingOf(request.headers);
    if (coding !== undefined) {
      done(new UnsupportedMediaTypeException(`a body in Content-Encoding ${coding} is not taken; send it as it is`), undefined);
      return;
    }
    const charset = charsetOf(request.headers['content-type']);
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      done(new UnsupportedMediaTypeException(`a JSON body is UTF-8 text; charset=${charset} is not taken`), undefined);
      return;
    }
    let text: string;
    try {
      text = UTF8.decode(body);
    } catch {
      done(new BadInput([{ field: 'body', message: 'must be UTF-8 text' }]), undefined);
      return;
    }
    if (nestingDepth(text) > MAX_JSON_DEPTH) {
      done(new BadInput([{ field: 'body', message: `must not nest arrays and objects more than ${MAX_JSON_DEPTH} deep` }]), undefined);
      return;
    }
    parse(request, text, done);
  });
};
