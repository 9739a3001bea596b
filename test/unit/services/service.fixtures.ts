import type { AgreementFacts, PartnerStanding } from '../../../src/domain/shared/cooperation';
import type { Actor, CommandMetadata } from '../../../src/domain/shared/decider';
import { toIsil } from '../../../src/domain/shared/isil';
import type * as C from '../../../src/domain/services/service.commands';
import type * as E from '../../../src/domain/services/service.events';

export const PROVIDER = toIsil('ID-JKPNRI');
export const RECIPIENT = toIsil('ID-BDGKOTA');
export const STRANGER = toIsil('ID-SBYKOTA');
export const serviceId = 'svc-1';
export const agreementId = 'agr-1';

export const COORDINATOR: Actor = { role: 'coordinator' };
export const librarianOf = (library: string): Actor => ({ role: 'librarian', library });

/** An agreement in force for all of 2025, covering loans and services between the two libraries. */
export const agreement: AgreementFacts = {
  agreementId,
  terminated: false,
  forms: ['loans', 'services'],
  startsOn: '2025-01-01',
  endsOn: '2025-12-31',
  members: [PROVIDER, RECIPIENT],
  terms: { loanPeriodDays: 28, maxRenewals: 2, goalRatio: 1, claimHoldDays: 90 },
  subjects: {},
};
export const standings: Record<string, PartnerStanding | undefined> = { [PROVIDER]: 'active', [RECIPIENT]: 'active' };

export const AT = {
  rendered: new Date('2025-05-10T14:00:00.000Z'),
  voided: new Date('2025-05-12T09:00:00.000Z'),
};

export const keys = {
  serviceId, agreementId, provider: PROVIDER, recipient: RECIPIENT, kind: 'cataloguing' as const,
  units: 120, unit: 'records', renderedOn: '2025-05-09',
};

// ---- events ----

export const rendered: E.ServiceRendered = {
  type: 'ServiceRendered',
  data: { ...keys, note: 'Batch of Sundanese manuscripts', renderedAt: AT.rendered.toISOString() },
};
export const voided: E.ServiceVoided = {
  type: 'ServiceVoided',
  data: { ...keys, reason: 'Recorded twice', voidedAt: AT.voided.toISOString() },
};

// ---- commands ----

/** `by` names the acting library; `actor` replaces the actor whole (a coordinator, an auditor). */
export type As = { by?: string; actor?: Actor; now?: Date };

const metadata = (as: As, by: string, now: Date): CommandMetadata => ({
  now: as.now ?? now,
  actor: as.actor ?? librarianOf(as.by ?? by),
});

export const renderService = (as: As = {}, data: Partial<C.RenderService['data']> = {}): C.RenderService => ({
  type: 'RenderService',
  data: {
    serviceId, agreementId, agreement, recipient: RECIPIENT, kind: 'cataloguing', units: 120, unit: 'records',
    renderedOn: '2025-05-09', note: 'Batch of Sundanese manuscripts', standings, ...data,
  },
  metadata: metadata(as, PROVIDER, AT.rendered),
});
export const voidService = (as: As = {}, reason = 'Recorded twice'): C.VoidService => ({
  type: 'VoidService', data: { serviceId, reason }, metadata: metadata(as, PROVIDER, AT.voided),
});
