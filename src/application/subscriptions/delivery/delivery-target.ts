import type { Position, RecordedEvent } from '../../ports/event-store.port';
import type { EventFilter, Viewer } from '../event-filter';

/**
 * Somewhere the ledger pushes events to, one at a time and in log order:
 * a webhook, or (later) a partner's ISO 18626 endpoint. `kind` picks the
 * transport that renders and sends the payload.
 */
export type DeliveryTarget = Readonly<{
  id: string;
  kind: string;
  url: string;
  filter: EventFilter;
  /** The key that registered it; its role and library bound what it may receive. */
  owner: Viewer & Readonly<{ keyId: string }>;
  /** What the transport signs or authenticates with. */
  secret: string;
  enabled: boolean;
  disabledReason: string | null;
  /** The last position acknowledged (or passed over by the filter); delivery resumes after it. */
  checkpoint: Position | null;
  /** Failed attempts since the last success. */
  failures: number;
  createdAt: string;
  updatedAt: string;
}>;

/** One attempt to deliver one event, as the delivery log keeps it. */
export type DeliveryAttempt = Readonly<{
  eventId: string;
  type: string;
  position: Position;
  attempt: number;
  ok: boolean;
  /** The receiver's HTTP status, null when there was no answer. */
  status: number | null;
  durationMs: number;
  error: string | null;
  /** The start of the receiver's answer, kept for protocols whose answer matters. */
  response: string | null;
  at: string;
}>;

export type LoggedAttempt = DeliveryAttempt & Readonly<{ id: number }>;

export type TargetChanges = Partial<Pick<DeliveryTarget, 'url' | 'filter' | 'secret' | 'enabled' | 'disabledReason' | 'checkpoint' | 'failures' | 'updatedAt'>>;

/** Targets, their checkpoints and their delivery log; kept apart from read models, which are disposable. */
export interface DeliveryTargetStore {
  create(target: DeliveryTarget): Promise<void>;
  find(id: string): Promise<DeliveryTarget | null>;
  /** The targets of one kind a key registered, oldest first. */
  ownedBy(kind: string, ownerKeyId: string): Promise<DeliveryTarget[]>;
  enabled(): Promise<DeliveryTarget[]>;
  /** Every target, enabled or not, of every owner: for health and metrics. */
  all(): Promise<DeliveryTarget[]>;
  update(id: string, changes: TargetChanges): Promise<DeliveryTarget | null>;
  remove(id: string): Promise<boolean>;
  /** Logs a successful attempt and moves the checkpoint to its event, in one transaction. */
  acknowledge(id: string, attempt: DeliveryAttempt): Promise<void>;
  /** Logs a failed attempt with the run of failures so far; disables the target when a reason is given. */
  failed(id: string, attempt: DeliveryAttempt, failures: number, disabledReason: string | null): Promise<void>;
  /** Moves the checkpoint over events the target does not want. */
  advance(id: string, position: Position): Promise<void>;
  /** The delivery log, newest first, continuing below `before` (an attempt id). */
  attempts(id: string, before: number | null, limit: number): Promise<LoggedAttempt[]>;
}

export const DELIVERY_TARGET_STORE = Symbol('DeliveryTargetStore');

export type DeliveryOutcome = Readonly<{ ok: boolean; status: number | null; error: string | null; response: string | null }>;

/** Renders one event for one kind of target and sends it; never throws, reports what happened. */
export interface DeliveryTransport {
  send(target: DeliveryTarget, event: RecordedEvent, signal: AbortSignal): Promise<DeliveryOutcome>;
}

export type RetryPolicy = Readonly<{
  /** Delay before the first retry; each further retry doubles it, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failed attempts in a row after which the target is disabled. */
  maxFailures: number;
}>;

/** Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries of many targets spread out. */
export const retryDelay = (attempt: number, policy: RetryPolicy, random: () => number = Math.random): number => {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
};

/**
 * A target's URL as answers show it: a password it carries (sent as the
 * Authorization header) is shown as `****`, as a target's other credentials
 * are never shown again.
 */
export const shownUrl = (url: string): string => {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (parsed === null || parsed.password === '') return url;
  parsed.password = '****';
  return parsed.toString();
};
