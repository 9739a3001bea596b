import type { IncomingHttpHeaders } from 'node:http';

/**
 * A Content-Type's parameters, one at a time (RFC 9110, section 8.3): a
 * token name, then a token or a quoted string, which may hold `;` and
 * backslash-escaped characters. Whitespace around `=` is tolerated, as
 * senders write it.
 */
const PARAMETER = /;\s*([^\s;=]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;]*))/g;

/**
 * The charset a Content-Type names, lower-cased (charset names are compared
 * without case); undefined when it names none. The one reading of it, for
 * the bodies the service takes and the answers it is given.
 */
export const charsetOf = (contentType: string | undefined): string | undefined => {
  for (const [, name, quoted, token] of (contentType ?? '').matchAll(PARAMETER)) {
    if (name.toLowerCase() === 'charset') return (quoted === undefined ? token : quoted.replace(/\\(.)/g, '$1')).toLowerCase();
  }
  return undefined;
};

/**
 * The content coding a body is sent in (gzip, say), lower-cased; undefined
 * for none or `identity`. The service decodes none: RFC 9110, section
 * 15.5.16, has such a body answered 415, not read as it is.
 */
export const contentCodingOf = (headers: IncomingHttpHeaders): string | undefined => {
  const coding = headers['content-encoding']?.trim().toLowerCase();
  return coding === undefined || coding === '' || coding === 'identity' ? undefined : coding;
};
