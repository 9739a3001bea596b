/** RFC 9457 problem details, with a stable `code` and, for bad input, every field named. */
export type FieldError = Readonly<{ field: string; message: string }>;

export type Problem = Readonly<{
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  errors?: readonly FieldError[];
  [extension: string]: unknown;
}>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const STATUS_TITLES: Readonly<Record<number, string>> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  408: 'Request timeout',
  409: 'Conflict',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  431: 'Request header fields too large',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export const problem = (status: number, code: string, detail?: string, extra: Record<string, unknown> = {}): Problem => ({
  type: `urn:resource-sharing-ledger:problem:${code}`,
  title: STATUS_TITLES[status] ?? 'Error',
  status,
  code,
  ...(detail === undefined ? {} : { detail }),
  ...extra,
});

/** Too much at once from one caller (not the per-key rate limit's count): 429 with its own code, and when to retry. */
export class TooManyAtOnce extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'TooManyAtOnce';
  }
}

/** Thrown by the HTTP layer for input that fails validation; carries every bad field. */
/** How many field errors the detail spells out; `errors` lists every one. */
export const DETAIL_FIELD_ERRORS = 20;

export class BadInput extends Error {
  constructor(readonly errors: readonly FieldError[]) {
    const told = errors.slice(0, DETAIL_FIELD_ERRORS).map((e) => `${e.field}: ${e.message}`).join('; ');
    const more = errors.length - DETAIL_FIELD_ERRORS;
    // A bulk load of 10,000 bad titles gave a detail of 2 MB repeating `errors`.
    super(more > 0 ? `${told}; and ${more} more (every one in errors)` : told);
    this.name = 'BadInput';
  }
}
