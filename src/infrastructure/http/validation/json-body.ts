import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RawServerDefault } from 'fastify';
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

/**
 * The only body the service reads is JSON, parsed by Fastify's own parser
 * (which refuses `__proto__` and `constructor.prototype`) after a depth check,
 * so a deeply nested body is refused before anything recursive walks it.
 * Other media types are answered 415.
 */
export const parseJsonBodiesWithDepthLimit = (app: NestFastifyApplication, bodyLimit: number): void => {
  const parse = app.getHttpAdapter().getInstance().getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>('application/json', { bodyLimit }, (request, body, done) => {
    const text = body.toString('utf8');
    if (nestingDepth(text) > MAX_JSON_DEPTH) {
      done(new BadInput([{ field: 'body', message: `must not nest arrays and objects more than ${MAX_JSON_DEPTH} deep` }]), undefined);
      return;
    }
    parse(request, text, done);
  });
};
