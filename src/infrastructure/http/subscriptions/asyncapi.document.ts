import { EVENT_CATALOGUE } from '../../../domain/catalogue/event-catalogue';
import type { SubscriptionConfig } from '../../config/subscription.config';
import { exampleData } from '../../subscriptions/event-catalogue.docs';

const string = { type: 'string' };

/** The CloudEvents envelope every event travels in; `type` and `data` are narrowed per message. */
const cloudEvent = (config: SubscriptionConfig) => ({
  type: 'object',
  required: ['specversion', 'id', 'source', 'type', 'subject', 'time', 'data', 'position', 'streamversion', 'hash', 'prevhash'],
  properties: {
    specversion: { const: '1.0' },
    id: { ...string, description: 'The event id (a UUID); also the webhook-id of a webhook delivery.' },
    source: { ...string, description: 'The network (LEDGER_NETWORK_ID).', examples: [config.networkId] },
    type: { ...string, description: `The event type with the prefix ${config.eventTypePrefix}` },
    subject: { ...string, description: 'The stream id, e.g. loan-<uuid>.' },
    time: { ...string, format: 'date-time', description: 'When the ledger recorded the event.' },
    datacontenttype: { const: 'application/json' },
    position: { ...string, description: 'Global position in the log: resume after it (Last-Event-ID, replay).' },
    streamversion: { type: 'integer', minimum: 1 },
    hash: { ...string, description: 'SHA-256 of the event and prevhash (the audit chain).' },
    prevhash: string,
    correlationid: string,
    causationid: string,
    isils: { ...string, description: 'The ISILs of the libraries the event involves, separated by spaces.' },
  },
});

const webhookHeaders = {
  type: 'object',
  required: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
  properties: {
    'webhook-id': { ...string, description: 'The event id; the same on every retry of a delivery.' },
    'webhook-timestamp': { ...string, description: 'Seconds since the epoch when this attempt was signed.' },
    'webhook-signature': { ...string, description: 'v1,<base64 HMAC-SHA256> per the Standard Webhooks spec, with the webhook\'s whsec_ secret.' },
    'content-type': { const: 'application/cloudevents+json' },
  },
};

/** AsyncAPI 3.0: the live feed (SSE) and webhook deliveries, one message per event type. */
export const asyncApiDocument = (config: SubscriptionConfig, host: string, protocol: string) => {
  const schemas: Record<string, object> = { CloudEvent: cloudEvent(config), WebhookHeaders: webhookHeaders };
  const liveMessages: Record<string, object> = {};
  const webhookMessages: Record<string, object> = {};
  for (const entry of EVENT_CATALOGUE) {
    schemas[entry.type] = {
      allOf: [
        { $ref: '#/components/schemas/CloudEvent' },
        { type: 'object', properties: { type: { const: `${config.eventTypePrefix}${entry.type}` }, data: entry.schema } },
      ],
    };
    const message = {
      name: entry.type,
      title: entry.type,
      summary: entry.summary,
      payload: { $ref: `#/components/schemas/${entry.type}` },
      examples: [{ name: entry.type, payload: { type: `${config.eventTypePrefix}${entry.type}`, data: exampleData(entry) } }],
    };
    liveMessages[entry.type] = { ...message, contentType: 'application/json' };
    webhookMessages[entry.type] = { ...message, contentType: 'application/cloudevents+json', headers: { $ref: '#/components/schemas/WebhookHeaders' } };
  }
  const refs = (channel: string) => EVENT_CATALOGUE.map((entry) => ({ $ref: `#/channels/${channel}/messages/${entry.type}` }));
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Resource-sharing ledger events',
      version: '1.0.0',
      description: 'Every event the ledger records, as a CloudEvent 1.0, over Server-Sent Events or signed webhooks (at least once, in log order per webhook).',
    },
    defaultContentType: 'application/json',
    servers: { ledger: { host, protocol, description: 'This service.' } },
    channels: {
      live: {
        address: '/v1/events/live',
        title: 'Live feed (Server-Sent Events)',
        description: 'GET with an API key. Each SSE message has `id:` = position.first-16-hex-digits-of-the-hash (1042.9f86d081884c7d65), `event:` = event type, `data:` = the CloudEvent. Filters: types, categories, partners (comma-separated). Resume with Last-Event-ID or `after` (an id, or a position); an id whose position holds another event is refused (409 not-in-this-log: the ledger was restored from an older backup, or the id is another ledger’s). A comment every 15 s keeps the connection alive.',
        servers: [{ $ref: '#/servers/ledger' }],
        messages: liveMessages,
      },
      webhook: {
        address: null,
        title: 'Webhook deliveries',
        description: 'POSTed to the URL registered with POST /v1/webhooks, one event per request, signed per the Standard Webhooks spec. Any 2xx acknowledges; anything else is retried with backoff.',
        messages: webhookMessages,
      },
    },
    operations: {
      receiveLiveEvents: { action: 'receive', channel: { $ref: '#/channels/live' }, messages: refs('live') },
      receiveWebhook: { action: 'receive', channel: { $ref: '#/channels/webhook' }, messages: refs('webhook') },
    },
    components: { schemas },
  };
};
