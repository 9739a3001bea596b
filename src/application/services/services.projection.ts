import type { ServiceEvent, ServiceKeys } from '../../domain/services';
import { optional } from '../../domain/shared/input';
import type { RecordedEvent } from '../ports/event-store.port';
import type { DocumentProjection } from '../projections/projection';

export const SERVICES_PROJECTION = 'services';

export type ServiceStatus = 'rendered' | 'voided';
export const SERVICE_STATUSES: readonly ServiceStatus[] = ['rendered', 'voided'];

/** A service as coordinators read it: what was rendered, and whether it was voided and why. */
export type ServiceView = ServiceKeys &
  Readonly<{
    status: ServiceStatus;
    note?: string;
    renderedAt: string;
    voidedAt?: string;
    voidReason?: string;
    version: number;
    position: string;
    updatedAt: string;
  }>;

const SERVICE_EVENTS: ReadonlySet<ServiceEvent['type']> = new Set(['ServiceRendered', 'ServiceVoided']);

const stamp = (event: RecordedEvent) => ({
  version: event.streamVersion,
  position: event.position,
  updatedAt: event.metadata.recordedAt,
});

export const servicesProjection: DocumentProjection<ServiceView> = {
  name: SERVICES_PROJECTION,
  version: 1,
  handles: SERVICE_EVENTS,
  indexed: ['provider', 'recipient', 'kind', 'agreementId', 'status'],
  keyOf: (event) => (event.data as { serviceId: string }).serviceId,
  evolve: (view, recorded) => {
    const event = recorded as unknown as ServiceEvent;
    switch (event.type) {
      case 'ServiceRendered':
        return { ...event.data, status: 'rendered', ...stamp(recorded) };
      case 'ServiceVoided':
        return view === null
          ? view
          : { ...view, status: 'voided', voidedAt: event.data.voidedAt, ...optional('voidReason', event.data.reason), ...stamp(recorded) };
      default:
        return view;
    }
  },
};
