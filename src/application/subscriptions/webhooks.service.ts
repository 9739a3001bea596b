import { randomBytes } from 'node:crypto';
import type { AccessService, Principal } from '../access/access.service';
import { NotFound } from '../../domain/shared/errors';
import type { Clock } from '../ports/clock.port';
import type { IdSource } from '../ports/ids.port';
import type { EventStore, Position } from '../ports/event-store.port';
import type { Admission, DeliveryDispatcher } from './delivery/delivery-dispatcher';
import { shownUrl, type DeliveryTarget, type DeliveryTargetStore, type LoggedAttempt, type TargetChanges } from './delivery/delivery-target';
import type { EventFilter } from './event-filter';
import { beyondHead } from '../ledger/beyond-head';

export const WEBHOOK = 'webhook';

/** Why a webhook stopped when the key that registered it was revoked. */
export const OWNER_KEY_REVOKED = 'owner-key-revoked';

/**
 * The dispatcher's admission for webhooks: one whose owner key is revoked
 * never delivers, even when its revocation was missed (made before revoking
 * a key stopped its webhooks, or the service stopped between the two). It is
 * disabled here with OWNER_KEY_REVOKED, as a revocation would have, and
 * `onBarred` is told.
 */
export const barRevokedOwners =
  (targets: DeliveryTargetStore, access: Pick<AccessService, 'revokedAmong'>, clock: Clock, onBarred: (target: DeliveryTarget) => void): Admission =>
  async (candidates) => {
    const webhooks = candidates.filter((target) => target.kind === WEBHOOK);
    if (webhooks.length === 0) return candidates;
    const revoked = await access.revokedAmong(webhooks.map((target) => target.owner.keyId));
    if (revoked.size === 0) return candidates;
    const barred = new Set(webhooks.filter((target) => revoked.has(target.owner.keyId)));
    const changes: TargetChanges = { enabled: false, disabledReason: OWNER_KEY_REVOKED, updatedAt: clock.now().toISOString() };
    for (const target of barred) {
      await targets.update(target.id, changes);
      onBarred(target);
    }
    return candidates.filter((target) => !barred.has(target));
  };

/** Refuses a destination the operator does not allow (private addresses, plain http); throws an InvalidValue naming `field`. */
export interface DestinationPolicy {
  check(url: string, field: string): Promise<void>;
}
export const DESTINATION_POLICY = Symbol('DestinationPolicy');

/** A webhook as its owner sees it: its filters spelled out, never its secret. */
export type WebhookView = Omit<DeliveryTarget, 'kind' | 'owner' | 'secret' | 'filter'> & EventFilter;

export type WebhookChanges = Readonly<{ url?: string; filter?: Partial<EventFilter>; enabled?: boolean }>;

/** `whsec_` and 24 random bytes in base64, as the Standard Webhooks spec writes a signing secret. */
const newSecret = (): string => `whsec_${randomBytes(24).toString('base64')}`;

export const webhookView = (target: DeliveryTarget): WebhookView => ({
  id: target.id,
  url: shownUrl(target.url),
  ...target.filter,
  enabled: target.enabled,
  disabledReason: target.disabledReason,
  checkpoint: target.checkpoint,
  failures: target.failures,
  createdAt: target.createdAt,
  updatedAt: target.updatedAt,
});

/**
 * Webhooks as their owners manage them. A key sees and changes only the
 * webhooks it registered; a librarian's webhooks receive only the events
 * that involve its library.
 */
export class WebhooksService {
  constructor(
    private readonly targets: DeliveryTargetStore,
    private readonly dispatcher: DeliveryDispatcher,
    private readonly destinations: DestinationPolicy,
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  /** New webhooks start at the head of the log: they receive what happens from now on (replay reaches back). */
  async create(owner: Principal, url: string, filter: EventFilter): Promise<{ webhook: WebhookView; secret: string }> {
    await this.destinations.check(url, 'url');
    const now = this.clock.now().toISOString();
    const target: DeliveryTarget = {
      id: this.ids.next(),
      kind: WEBHOOK,
      url,
      filter,
      owner: { keyId: owner.keyId, role: owner.role, ...(owner.library ? { library: owner.library } : {}) },
      secret: newSecret(),
      enabled: true,
      disabledReason: null,
      checkpoint: await this.store.headPosition(),
      failures: 0,
      createdAt: now,
      updatedAt: now,
    };
    await this.dispatcher.reconfigure(target.id, () => this.targets.create(target));
    return { webhook: webhookView(target), secret: target.secret };
  }

  async list(owner: Principal): Promise<WebhookView[]> {
    return (await this.targets.ownedBy(WEBHOOK, owner.keyId)).map(webhookView);
  }

  /** A coordinator reads any webhook (to see why one stopped, e.g. its owner key was revoked); others only their own. */
  async get(viewer: Principal, id: string): Promise<WebhookView & { ownerKeyId: string }> {
    const target = await this.owned(viewer, id, viewer.role === 'coordinator');
    return { ...webhookView(target), ownerKeyId: target.owner.keyId };
  }

  /** Changes the URL or filters; `enabled: true` re-enables a disabled webhook where it stopped. */
  async update(owner: Principal, id: string, changes: WebhookChanges): Promise<WebhookView> {
    const target = await this.owned(owner, id);
    if (changes.url !== undefined) await this.destinations.check(changes.url, 'url');
    const update: TargetChanges = {
      ...(changes.url !== undefined ? { url: changes.url } : {}),
      ...(changes.filter ? { filter: { ...target.filter, ...changes.filter } } : {}),
      ...(changes.enabled !== undefined ? { enabled: changes.enabled, disabledReason: changes.enabled ? null : 'disabled by its owner', failures: 0 } : {}),
      updatedAt: this.clock.now().toISOString(),
    };
    return webhookView(await this.change(id, update));
  }

  /** A new secret, shown once; the old one stops signing at once. */
  async rotateSecret(owner: Principal, id: string): Promise<{ webhook: WebhookView; secret: string }> {
    await this.owned(owner, id);
    const secret = newSecret();
    const target = await this.change(id, { secret, updatedAt: this.clock.now().toISOString() });
    return { webhook: webhookView(target), secret };
  }

  /**
   * Delivers again every wanted event after `after` (null: from the start of
   * the log). A position the log has not reached is refused (409
   * beyond-head), as every cut beyond the head is: taken, it would move the
   * checkpoint past events still to come, and they would never be delivered.
   */
  async replay(owner: Principal, id: string, after: Position | null): Promise<WebhookView> {
    await this.owned(owner, id);
    if (after !== null) {
      const beyond = beyondHead({ position: after }, await this.store.headPosition(), this.clock.now().toISOString());
      if (beyond) throw beyond;
    }
    return webhookView(await this.change(id, { checkpoint: after, updatedAt: this.clock.now().toISOString() }));
  }

  /** A revoked key's webhooks stop at once: disabled with OWNER_KEY_REVOKED, kept for its owner's coordinator to see. */
  async ownerRevoked(keyId: string): Promise<WebhookView[]> {
    const enabled = (await this.targets.ownedBy(WEBHOOK, keyId)).filter((target) => target.enabled);
    const changes: TargetChanges = { enabled: false, disabledReason: OWNER_KEY_REVOKED, updatedAt: this.clock.now().toISOString() };
    return Promise.all(enabled.map(async (target) => webhookView(await this.change(target.id, changes))));
  }

  async remove(owner: Principal, id: string): Promise<void> {
    await this.owned(owner, id);
    await this.dispatcher.reconfigure(id, () => this.targets.remove(id));
  }

  async deliveries(owner: Principal, id: string, before: number | null, limit: number): Promise<{ items: LoggedAttempt[]; next: number | null }> {
    await this.owned(owner, id);
    const items = await this.targets.attempts(id, before, limit);
    return { items, next: items.length === limit ? items[items.length - 1].id : null };
  }

  private async change(id: string, changes: TargetChanges): Promise<DeliveryTarget> {
    const target = await this.dispatcher.reconfigure(id, () => this.targets.update(id, changes));
    if (!target) throw new NotFound('webhook-not-found', `there is no webhook ${id}`);
    return target;
  }

  /** Someone else's webhook is answered as missing, so ids of others' webhooks are not revealed. */
  private async owned(owner: Principal, id: string, anyOwner = false): Promise<DeliveryTarget> {
    const target = await this.targets.find(id);
    if (!target || target.kind !== WEBHOOK || (!anyOwner && target.owner.keyId !== owner.keyId)) throw new NotFound('webhook-not-found', `there is no webhook ${id}`);
    return target;
  }
}

