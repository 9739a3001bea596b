import { randomUUID } from 'node:crypto';

/** Ids come in from outside, so tests can fix them. */
export interface IdSource {
  next(): string;
}
export const IDS = Symbol('IdSource');

export const randomIds: IdSource = { next: () => randomUUID() };
