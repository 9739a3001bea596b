import type { Principal } from '../access/access.service';
import type { Iso18626Version } from '../../domain/iso18626';
import { Forbidden, NotFound } from '../../domain/shared/errors';
import { streams } from '../cooperation/streams';
import type { Clock } from '../ports/clock.port';
import type { EventStore } from '../ports/event-store.port';
import type { DeliveryDispatcher } from '../subscriptions/delivery/delivery-dispatcher';
import { shownUrl, type DeliveryTarget, type DeliveryTargetStore, type LoggedAttempt } from '../subscriptions/delivery/delivery-target';
import type { DestinationPolicy } from '../subscriptions/webhooks.service';

export const ISO18626_TARGET = 'iso18626';

/**
 * What an ISO 18626 target keeps in the delivery target store's `secret`: the
 * credentials the partner's endpoint expects (never written to an event, never
 * shown again) and the version it speaks.
 */
export type Iso18626Settings = Readonly<{ version: Iso18626Version; authorization?: string }>;
export const settingsOf = (target: DeliveryTarget): Iso18626Settings => JSON.parse(target.secret) as Iso18626Settings;

/** The events a partner's endpoint hears of (the transport picks those addressed to it): loan events, and StatusRequests to answer. */
export const EVENTS_SENT = [
  'Iso18626MessageReceived',
  'LoanRequested', 'LoanAccepted', 'LoanDeclined', 'LoanShipped', 'LoanReceived', 'LoanRenewed', 'LoanRecalled',
  'LoanBecameOverdue', 'LoanReturnShipped', 'LoanCheckedIn', 'LoanReportedLost', 'LoanCancelled',
];

export type Iso18626EndpointView = Readonly<{
  isil: string;
  url: string;
  version: Iso18626Version;
  /** Whether credentials were registered; they are never shown. */
  authorization: boolean;
  enabled: boolean;
  disabledReason: string | null;
  checkpoint: string | null;
  failures: number;
  createdAt: string;
  updatedAt: string;
}>;

export type Iso18626EndpointInput = Readonly<{ url: string; version: Iso18626Version; authorization?: string }>;

const targetId = (isil: string) => `iso18626-${isil}`;

const view = (isil: string, target: DeliveryTarget): Iso18626EndpointView => {
  const settings = settingsOf(target);
  return {
    isil, url: shownUrl(target.url), version: settings.version, authorization: settings.authorization !== undefined,
    enabled: target.enabled, disabledReason: target.disabledReason, checkpoint: target.checkpoint, failures: target.failures,
    createdAt: target.createdAt, updatedAt: target.updatedAt,
  };
};

/**
 * A partner's ISO 18626 endpoint: one delivery target per partner, fed by the
 * webhook delivery machinery (at least once, in log order, retried, logged).
 * Registered by a coordinator or the partner's own librarians; messages go
 * out from the moment it is registered.
 */
export class Iso18626Endpoints {
  constructor(
    private readonly targets: DeliveryTargetStore,
    private readonly dispatcher: DeliveryDispatcher,
    private readonly destinations: DestinationPolicy,
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async register(actor: Principal, isil: string, input: Iso18626EndpointInput): Promise<Iso18626EndpointView> {
    this.mayManage(actor, isil);
    if ((await this.store.readStream(streams.partner(isil))).length === 0) throw new NotFound('partner-not-found', `there is no partner ${isil}`);
    await this.destinations.check(input.url, 'url');
    const now = this.clock.now().toISOString();
    const secret = JSON.stringify({ version: input.version, ...(input.authorization ? { authorization: input.authorization } : {}) });
    const id = targetId(isil);
    const target = await this.dispatcher.reconfigure(id, async () => {
      const existing = await this.targets.find(id);
      if (existing) return this.targets.update(id, { url: input.url, secret, enabled: true, disabledReason: null, failures: 0, updatedAt: now });
      const created: DeliveryTarget = {
        id, kind: ISO18626_TARGET, url: input.url,
        filter: { types: EVENTS_SENT, categories: ['loan', 'iso18626'], partners: [isil] },
        owner: { keyId: actor.keyId, role: 'librarian', library: isil },
        secret, enabled: true, disabledReason: null, checkpoint: await this.store.headPosition(), failures: 0, createdAt: now, updatedAt: now,
      };
      await this.targets.create(created);
      return created;
    });
    return view(isil, target!);
  }

  async get(actor: Principal, isil: string): Promise<Iso18626EndpointView> {
    return view(isil, await this.registered(actor, isil));
  }

  async remove(actor: Principal, isil: string): Promise<void> {
    await this.registered(actor, isil);
    await this.dispatcher.reconfigure(targetId(isil), () => this.targets.remove(targetId(isil)));
  }

  async deliveries(actor: Principal, isil: string, before: number | null, limit: number): Promise<{ items: LoggedAttempt[]; next: number | null }> {
    await this.registered(actor, isil);
    const items = await this.targets.attempts(targetId(isil), before, limit);
    return { items, next: items.length === limit ? items[items.length - 1].id : null };
  }

  private mayManage(actor: Principal, isil: string): void {
    if (actor.role === 'librarian' && actor.library !== isil) {
      throw new Forbidden('not-this-library', `a librarian of ${actor.library} may not manage the ISO 18626 endpoint of ${isil}`);
    }
  }

  private async registered(actor: Principal, isil: string): Promise<DeliveryTarget> {
    if (actor.role === 'librarian') this.mayManage(actor, isil);
    const target = await this.targets.find(targetId(isil));
    if (!target || target.kind !== ISO18626_TARGET) throw new NotFound('iso18626-endpoint-not-found', `${isil} has registered no ISO 18626 endpoint`);
    return target;
  }
}
