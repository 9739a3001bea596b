import type { RunningLedger } from '../support/ledger-app';
import type { World } from '../support/world';

/** The callers every route is tried with, besides no key and a revoked key. */
export type Actor = 'coordinator' | 'librarian' | 'otherLibrarian' | 'auditor' | 'subscriber' | 'metrics';
export const ACTORS: Actor[] = ['coordinator', 'librarian', 'otherLibrarian', 'auditor', 'subscriber', 'metrics'];
export const READERS: Actor[] = ['coordinator', 'librarian', 'otherLibrarian', 'auditor'];

/**
 * What a row's request may use: the running ledger, the world (partners,
 * keys, one agreement) and the ISILs that play "librarian" (a party to the
 * act) and "otherLibrarian" (a library that is not).
 */
export type RowContext = Readonly<{ ledger: RunningLedger; world: World; issueKeyId: () => Promise<string> }>;

export type Row = Readonly<{
  /** "METHOD /path/:param" exactly as the controller declares it. */
  route: string;
  /** Who gets past authorisation; everyone else gets 403. */
  allowed: readonly Actor[] | 'public';
  /** The ISIL whose librarian plays "librarian" for this route (a party to the act). */
  party?: string;
  /** The route answers with a stream that does not end (Server-Sent Events): the status is read from the headers. */
  stream?: true;
  /** Builds a fresh request: the path to call and its body. */
  request: (context: RowContext) => Promise<{ path: string; body?: object }>;
}>;
