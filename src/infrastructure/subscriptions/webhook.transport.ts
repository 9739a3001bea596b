import { Webhook } from 'standardwebhooks';
import type { Clock } from '../../application/ports/clock.port';
import type { RecordedEvent } from '../../application/ports/event-store.port';
import type { CloudEventRenderer } from '../../application/subscriptions/cloud-events';
import type { DeliveryOutcome, DeliveryTarget, DeliveryTransport } from '../../application/subscriptions/delivery/delivery-target';
import type { HttpDestinations } from './destination-policy';
import { postPayload } from './http-post';

/**
 * A webhook delivery: the structured-mode CloudEvent, signed per the Standard
 * Webhooks spec. `webhook-id` is the event id, the same on every retry, so a
 * receiver recognises a redelivery.
 */
export class WebhookTransport implements DeliveryTransport {
  constructor(
    private readonly renderer: CloudEventRenderer,
    private readonly destinations: HttpDestinations,
    private readonly clock: Clock,
    private readonly timeoutMs: number,
  ) {}

  send(target: DeliveryTarget, event: RecordedEvent, signal: AbortSignal): Promise<DeliveryOutcome> {
    const body = this.renderer.render(event).json;
    const now = this.clock.now();
    const headers = {
      'content-type': 'application/cloudevents+json',
      'user-agent': 'resource-sharing-ledger-webhooks',
      'webhook-id': event.eventId,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': new Webhook(target.secret).sign(event.eventId, now, body),
    };
    return postPayload(target.url, headers, body, { timeoutMs: this.timeoutMs, signal, destinations: this.destinations, maxResponseBytes: 1024 });
  }
}
