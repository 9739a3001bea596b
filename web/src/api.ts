/** The /v1 API with the key pasted once, kept in this tab's session storage and sent only in a header. */
const KEY_SLOT = 'ledger-api-key';

export const storedKey = (): string | null => sessionStorage.getItem(KEY_SLOT);
export const storeKey = (key: string): void => sessionStorage.setItem(KEY_SLOT, key);
export const forgetKey = (): void => sessionStorage.removeItem(KEY_SLOT);

type Problem = { status: number; code?: string; title?: string; detail?: string; errors?: Array<{ field: string; message: string }> };

/** What the API answered instead of the figures, in words a coordinator can act on. */
export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
  ) {
    super(`${status} ${code}: ${detail}`);
  }

  explain(): string {
    const advice: Record<number, string> = {
      401: 'The key is missing, unknown or revoked: paste a valid key above.',
      403: 'Your key’s role may not read this: ask a coordinator for a coordinator or auditor key to see it.',
      404: 'It does not exist (any more).',
      429: 'Too many requests with this key: wait a moment.',
      503: 'The service is catching up: try again shortly.',
    };
    return `The API refused (${this.status}, ${this.code}): ${this.detail}. ${advice[this.status] ?? ''}`.trim();
  }
}

const refusalOf = async (response: Response): Promise<ApiRefusal> => {
  const body = (await response.json().catch(() => ({}))) as Partial<Problem>;
  const fields = body.errors?.map((e) => e.message).join('; ');
  return new ApiRefusal(response.status, body.code ?? 'error', fields ?? body.detail ?? body.title ?? response.statusText);
};

export const get = async <T>(path: string, params: Record<string, string | number | undefined> = {}): Promise<T> => {
  const query = new URLSearchParams(Object.entries(params).flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)]])));
  const response = await fetch(`/v1/${path}${query.size > 0 ? `?${query}` : ''}`, {
    headers: { authorization: `Bearer ${storedKey() ?? ''}`, accept: 'application/json' },
    cache: 'no-store',
  });
  if (!response.ok) throw await refusalOf(response);
  return (await response.json()) as T;
};

/** Every page of a cursor-paginated list. */
export const getAll = async <T>(path: string, params: Record<string, string | number | undefined> = {}): Promise<T[]> => {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await get<{ items: T[]; next: string | null }>(path, { ...params, limit: 500, cursor });
    items.push(...page.items);
    cursor = page.next ?? undefined;
  } while (cursor !== undefined);
  return items;
};

// The answers' shapes: the service's own types, so the page and the API cannot drift apart (erased at build).
export type { BalanceMatrix, LendingByMonth } from '../../src/application/dashboard/dashboard.messages';
export type { FairnessReport, PartnerLine } from '../../src/application/fairness/fairness.messages';
export type { MatrixRow } from '../../src/domain/ledger';
export type { PartnerView as Partner } from '../../src/application/partners/partners.projection';
export type { AgreementView as Agreement } from '../../src/application/agreements/agreements.projection';
export type { ClaimView as Claim } from '../../src/application/claims/claims.projection';
export type { RecordedEvent as LoggedEvent } from '../../src/application/ports/event-store.port';
