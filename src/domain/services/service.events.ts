import type { DomainEvent } from '../shared/decider';
import type { Isil } from '../shared/isil';

/** The shared services a library renders for a partner (ARCHITECTURE §1). */
export const SERVICE_KINDS = ['cataloguing', 'facility-access', 'training', 'reference'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** The unit a service is counted in when the command names none. */
export const DEFAULT_UNIT: Readonly<Record<ServiceKind, string>> = {
  cataloguing: 'records',
  'facility-access': 'visits',
  training: 'hours',
  reference: 'enquiries',
};

/** What the ledger posts: `units` of `service:{kind}`, provider (+) and recipient (−). */
export type ServiceKeys = Readonly<{
  serviceId: string;
  agreementId: string;
  provider: Isil;
  recipient: Isil;
  kind: ServiceKind;
  /** Positive, at most two decimals. */
  units: number;
  unit: string;
  /** YYYY-MM-DD, the day the service was given. */
  renderedOn: string;
}>;

export type ServiceRendered = DomainEvent<'ServiceRendered', ServiceKeys & { note?: string; renderedAt: string }>;
/** Carries everything it reverses, so the ledger posts the opposite without a lookup. */
export type ServiceVoided = DomainEvent<'ServiceVoided', ServiceKeys & { reason: string; voidedAt: string }>;

export type ServiceEvent = ServiceRendered | ServiceVoided;
