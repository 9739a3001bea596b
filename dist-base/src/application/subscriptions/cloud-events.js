"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CloudEventRenderer = void 0;
const cloudevents_1 = require("cloudevents");
const event_catalogue_1 = require("../../domain/catalogue/event-catalogue");
/** How many rendered events are kept for the next subscriber that asks for the same one. */
const CACHE_SIZE = 4096;
/**
 * Renders log events as CloudEvents 1.0 (structured mode). Many subscribers
 * ask for the same recent events at once, so recent renderings are kept.
 */
class CloudEventRenderer {
    options;
    cache = new Map();
    constructor(options) {
        this.options = options;
    }
    render(event) {
        const cached = this.cache.get(event.eventId);
        if (cached)
            return cached;
        const isils = (0, event_catalogue_1.involvedIsils)(event.type, event.data);
        const rendered = { event, category: (0, event_catalogue_1.categoryOf)(event.streamId), isils, json: JSON.stringify(this.cloudEvent(event, isils)) };
        this.cache.set(event.eventId, rendered);
        if (this.cache.size > CACHE_SIZE)
            this.cache.delete(this.cache.keys().next().value);
        return rendered;
    }
    cloudEvent(event, isils = (0, event_catalogue_1.involvedIsils)(event.type, event.data)) {
        const { metadata } = event;
        return new cloudevents_1.CloudEvent({
            specversion: '1.0',
            id: event.eventId,
            source: this.options.source,
            type: `${this.options.typePrefix}${event.type}`,
            subject: event.streamId,
            time: metadata.recordedAt,
            datacontenttype: 'application/json',
            data: event.data,
            position: event.position,
            streamversion: event.streamVersion,
            hash: event.hash,
            prevhash: event.prevHash,
            correlationid: metadata.correlationId,
            causationid: metadata.causationId,
            isils: isils.join(' '),
        });
    }
}
exports.CloudEventRenderer = CloudEventRenderer;
//# sourceMappingURL=cloud-events.js.map