import type { Actor, CommandMetadata } from '../../../src/domain/shared/decider';
import { toIsil } from '../../../src/domain/shared/isil';
import type * as C from '../../../src/domain/partners/partner.commands';
import type * as E from '../../../src/domain/partners/partner.events';

export const ISIL = toIsil('ID-JKPNRI');
export const OTHER = toIsil('ID-BDGKOTA');

export const COORDINATOR: Actor = { role: 'coordinator' };
export const OWN_LIBRARIAN: Actor = { role: 'librarian', library: ISIL };
export const OTHER_LIBRARIAN: Actor = { role: 'librarian', library: OTHER };
export const AUDITOR: Actor = { role: 'auditor' };

export const AT = {
  registered: new Date('2025-01-06T09:00:00.000Z'),
  updated: new Date('2025-01-20T10:00:00.000Z'),
  suspended: new Date('2025-02-03T11:00:00.000Z'),
  reinstated: new Date('2025-03-03T12:00:00.000Z'),
  left: new Date('2025-06-30T16:00:00.000Z'),
};

export const profile = {
  name: 'Perpustakaan Nasional Republik Indonesia',
  country: 'ID',
  city: 'Jakarta',
  contactEmail: 'ill@perpusnas.go.id',
  focalPoint: true,
};

// ---- events ----

export const registered: E.PartnerRegistered = {
  type: 'PartnerRegistered',
  data: { isil: ISIL, ...profile, registeredAt: AT.registered.toISOString() },
};
export const profileUpdated: E.PartnerProfileUpdated = {
  type: 'PartnerProfileUpdated',
  data: { isil: ISIL, city: 'Jakarta Pusat', contactEmail: 'pinjam@perpusnas.go.id', updatedAt: AT.updated.toISOString() },
};
export const suspended: E.PartnerSuspended = {
  type: 'PartnerSuspended',
  data: { isil: ISIL, reason: 'Three loans lost without compensation', suspendedAt: AT.suspended.toISOString() },
};
export const reinstated: E.PartnerReinstated = {
  type: 'PartnerReinstated',
  data: { isil: ISIL, reason: 'Compensation paid', reinstatedAt: AT.reinstated.toISOString() },
};
export const left: E.PartnerLeft = {
  type: 'PartnerLeft',
  data: { isil: ISIL, reason: 'Joined another network', leftAt: AT.left.toISOString() },
};

// ---- commands ----

/** `actor` replaces the default actor (a coordinator, or the partner's own librarian where that is the usual one). */
export type As = { actor?: Actor; now?: Date };

const metadata = (as: As, actor: Actor, now: Date): CommandMetadata => ({ now: as.now ?? now, actor: as.actor ?? actor });

export const registerPartner = (as: As = {}, data: Partial<C.RegisterPartner['data']> = {}): C.RegisterPartner => ({
  type: 'RegisterPartner',
  data: { isil: ISIL, ...profile, ...data },
  metadata: metadata(as, COORDINATOR, AT.registered),
});
export const updatePartnerProfile = (
  as: As = {}, data: Omit<C.UpdatePartnerProfile['data'], 'isil'> = { city: 'Jakarta Pusat', contactEmail: 'pinjam@perpusnas.go.id' },
): C.UpdatePartnerProfile => ({
  type: 'UpdatePartnerProfile', data: { isil: ISIL, ...data }, metadata: metadata(as, OWN_LIBRARIAN, AT.updated),
});
export const suspendPartner = (as: As = {}, reason = 'Three loans lost without compensation'): C.SuspendPartner => ({
  type: 'SuspendPartner', data: { isil: ISIL, reason }, metadata: metadata(as, COORDINATOR, AT.suspended),
});
export const reinstatePartner = (as: As = {}, reason: string | null = 'Compensation paid'): C.ReinstatePartner => ({
  type: 'ReinstatePartner',
  data: { isil: ISIL, ...(reason === null ? {} : { reason }) },
  metadata: metadata(as, COORDINATOR, AT.reinstated),
});
export const leavePartner = (as: As = {}, reason: string | null = 'Joined another network'): C.LeavePartner => ({
  type: 'LeavePartner',
  data: { isil: ISIL, ...(reason === null ? {} : { reason }) },
  metadata: metadata(as, OWN_LIBRARIAN, AT.left),
});
