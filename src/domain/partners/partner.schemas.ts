import { describe, instant, isil, text, type EventDescriptions, type JsonSchema } from '../shared/event-schema';
import type { PartnerEvent } from './partner.events';

const profile: Record<string, JsonSchema> = {
  name: { type: 'string', examples: ['Perpustakaan Nasional RI'] },
  country: { type: 'string', pattern: '^[A-Z]{2}$', examples: ['ID'] },
  city: { type: 'string', examples: ['Jakarta'] },
  contactEmail: { type: 'string', examples: ['ill@example.org'] },
  focalPoint: { type: 'boolean' },
};
const { name, focalPoint, ...optionalProfile } = profile;

export const partnerEventSchemas: EventDescriptions<PartnerEvent['type']> = {
  PartnerRegistered: describe('A coordinator added a library to the network directory.', { isil, name, focalPoint, registeredAt: instant }, optionalProfile),
  PartnerProfileUpdated: describe('Some fields of a partner profile changed (only those are given).', { isil, updatedAt: instant }, profile),
  PartnerSuspended: describe('A partner may no longer take part in new acts until reinstated.', { isil, reason: text, suspendedAt: instant }),
  PartnerReinstated: describe('A suspended partner may take part again.', { isil, reinstatedAt: instant }, { reason: text }),
  PartnerLeft: describe('A partner left the network.', { isil, leftAt: instant }, { reason: text }),
};
