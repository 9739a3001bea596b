import { CloudEvent } from 'cloudevents';
import { categoryOf, involvedIsils } from '../../domain/catalogue/event-catalogue';
import type { RecordedEvent } from '../ports/event-store.port';

export type CloudEventOptions = Readonly<{
  /** The CloudEvents `source`: a URI naming this network. */
  source: string;
  /** Reverse-DNS prefix of the CloudEvents `type`, e.g. `org.example.ledger.` */
  typePrefix: string;
}>;

/** An event as every subscriber receives it, with what filters need already worked out. */
export type RenderedEvent = Readonly<{
  event: RecordedEvent;
  category: string;
  /** Upper-cased ISILs of the libraries the event involves. */
  isils: readonly string[];
  /** The structured-mode CloudEvent, as JSON. */
  json: string;
}>;

/** How many rendered events are kept for the next subscriber that asks for the same one. */
const CACHE_SIZE = 4096;

/**
 * Renders log events as CloudEvents 1.0 (structured mode). Many subscribers
 * ask for the same recent events at once, so recent renderings are kept.
 */
export class CloudEventRenderer {
  private readonly cache = new Map<string, RenderedEvent>();

  constructor(private readonly options: CloudEventOptions) {}

  render(event: RecordedEvent): RenderedEvent {
    const cached = this.cache.get(event.eventId);
    if (cached) return cached;
    const isils = involvedIsils(event.type, event.data);
    const rendered: RenderedEvent = { event, category: categoryOf(event.streamId), isils, json: JSON.stringify(this.cloudEvent(event, isils)) };
    this.cache.set(event.eventId, rendered);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return rendered;
  }

  cloudEvent(event: RecordedEvent, isils = involvedIsils(event.type, event.data)): CloudEvent<object> {
    const { metadata } = event;
    return new CloudEvent<object>({
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
