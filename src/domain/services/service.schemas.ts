import { day, describe, id, instant, isil, text, type EventDescriptions } from '../shared/event-schema';
import { SERVICE_KINDS, type ServiceEvent } from './service.events';

const keys = {
  serviceId: id,
  agreementId: id,
  provider: isil,
  recipient: isil,
  kind: { enum: [...SERVICE_KINDS] },
  units: { type: 'number', exclusiveMinimum: 0, examples: [2.5] },
  unit: { type: 'string', examples: ['hours'] },
  renderedOn: day,
};

export const serviceEventSchemas: EventDescriptions<ServiceEvent['type']> = {
  ServiceRendered: describe('A library rendered a shared service to a partner; the ledger posts its units.', { ...keys, renderedAt: instant }, { note: text }),
  ServiceVoided: describe('A recorded service was voided; the ledger posts the reverse.', { ...keys, reason: text, voidedAt: instant }),
};
