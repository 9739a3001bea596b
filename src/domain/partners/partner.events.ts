import type { DomainEvent } from '../shared/decider';
import type { Isil } from '../shared/isil';

/** What the directory shows of a partner library. */
export type PartnerProfile = Readonly<{
  name: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country?: string;
  city?: string;
  contactEmail?: string;
  /** The network's coordinating library. */
  focalPoint: boolean;
}>;

export type PartnerRegistered = DomainEvent<'PartnerRegistered', PartnerProfile & {
  isil: Isil;
  registeredAt: string;
}>;
/** Only the fields that changed, beside the ISIL. */
export type PartnerProfileUpdated = DomainEvent<'PartnerProfileUpdated', Partial<PartnerProfile> & {
  isil: Isil;
  updatedAt: string;
}>;
export type PartnerSuspended = DomainEvent<'PartnerSuspended', { isil: Isil; reason: string; suspendedAt: string }>;
export type PartnerReinstated = DomainEvent<'PartnerReinstated', { isil: Isil; reason?: string; reinstatedAt: string }>;
export type PartnerLeft = DomainEvent<'PartnerLeft', { isil: Isil; reason?: string; leftAt: string }>;

export type PartnerEvent =
  | PartnerRegistered
  | PartnerProfileUpdated
  | PartnerSuspended
  | PartnerReinstated
  | PartnerLeft;
