"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.WebhookTransport = void 0;
const standardwebhooks_1 = require("standardwebhooks");
const http_post_1 = require("./http-post");
/**
 * A webhook delivery: the structured-mode CloudEvent, signed per the Standard
 * Webhooks spec. `webhook-id` is the event id, the same on every retry, so a
 * receiver recognises a redelivery.
 */
class WebhookTransport {
    renderer;
    destinations;
    clock;
    timeoutMs;
    constructor(renderer, destinations, clock, timeoutMs) {
        this.renderer = renderer;
        this.destinations = destinations;
        this.clock = clock;
        this.timeoutMs = timeoutMs;
    }
    send(target, event, signal) {
        const body = this.renderer.render(event).json;
        const now = this.clock.now();
        const headers = {
            'content-type': 'application/cloudevents+json',
            'user-agent': 'resource-sharing-ledger-webhooks',
            'webhook-id': event.eventId,
            'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
            'webhook-signature': new standardwebhooks_1.Webhook(target.secret).sign(event.eventId, now, body),
        };
        return (0, http_post_1.postPayload)(target.url, headers, body, { timeoutMs: this.timeoutMs, signal, destinations: this.destinations, maxResponseBytes: 1024 });
    }
}
exports.WebhookTransport = WebhookTransport;
//# sourceMappingURL=webhook.transport.js.map