import type { PartnerStanding } from '../../../src/domain/shared/cooperation';
import type { AgreementTerms, CooperationForm } from '../../../src/domain/shared/cooperation';
import type { Actor, CommandMetadata } from '../../../src/domain/shared/decider';
import { toIsil } from '../../../src/domain/shared/isil';
import type * as C from '../../../src/domain/agreements/agreement.commands';
import type * as E from '../../../src/domain/agreements/agreement.events';

export const FOCAL = toIsil('ID-JKPNRI');
export const BANDUNG = toIsil('ID-BDGKOTA');
export const SURABAYA = toIsil('ID-SBYKOTA');
export const MEDAN = toIsil('ID-MDNKOTA');
export const agreementId = 'agr-java-2025';

export const COORDINATOR: Actor = { role: 'coordinator' };
export const librarianOf = (library: string): Actor => ({ role: 'librarian', library });

export const terms: AgreementTerms = {
  loanPeriodDays: 28,
  maxRenewals: 2,
  feePerLoan: { amount: '2.50', currency: 'EUR' },
  lostItemCompensation: { amount: '45.00', currency: 'EUR' },
  goalRatio: 1,
  claimHoldDays: 90,
};
export const forms: CooperationForm[] = ['loans', 'acquisitions', 'services'];
export const subjects = { [FOCAL]: ['000', '780-789'], [BANDUNG]: ['5'] };
export const STARTS_ON = '2025-01-01';
export const ENDS_ON = '2027-12-31';

export const AT = {
  established: new Date('2024-12-15T09:00:00.000Z'),
  joined: new Date('2025-02-01T10:00:00.000Z'),
  withdrew: new Date('2025-03-01T11:00:00.000Z'),
  amended: new Date('2025-04-01T12:00:00.000Z'),
  terminated: new Date('2025-09-30T15:00:00.000Z'),
};

// ---- events ----

export const established: E.AgreementEstablished = {
  type: 'AgreementEstablished',
  data: {
    agreementId, title: 'Java inter-library cooperation', focalPoint: FOCAL, members: [FOCAL, BANDUNG, SURABAYA],
    forms, startsOn: STARTS_ON, endsOn: ENDS_ON, terms, subjects, establishedAt: AT.established.toISOString(),
  },
};
export const joined: E.MemberJoined = {
  type: 'MemberJoined',
  data: { agreementId, isil: MEDAN, subjects: ['340'], joinedAt: AT.joined.toISOString() },
};
export const withdrew: E.MemberWithdrew = {
  type: 'MemberWithdrew',
  data: { agreementId, isil: BANDUNG, reason: 'Budget cuts', withdrawnAt: AT.withdrew.toISOString() },
};
export const amended: E.TermsAmended = {
  type: 'TermsAmended',
  data: {
    agreementId, focalPoint: FOCAL, forms, endsOn: ENDS_ON, terms: { ...terms, loanPeriodDays: 21 }, subjects,
    changed: ['terms'], amendedAt: AT.amended.toISOString(),
  },
};
export const terminated: E.AgreementTerminated = {
  type: 'AgreementTerminated',
  data: { agreementId, reason: 'Replaced by a national agreement', terminatedOn: '2025-09-30', terminatedAt: AT.terminated.toISOString() },
};

// ---- commands ----

/** `actor` replaces the default actor, a coordinator. */
export type As = { actor?: Actor; now?: Date };

const metadata = (as: As, now: Date): CommandMetadata => ({ now: as.now ?? now, actor: as.actor ?? COORDINATOR });

/** Every library of these fixtures is an active partner unless a test says otherwise. */
export const allActive: Readonly<Record<string, PartnerStanding | undefined>> = new Proxy({}, { get: () => 'active' });

export const establishAgreement = (as: As = {}, data: Partial<C.EstablishAgreement['data']> = {}): C.EstablishAgreement => ({
  type: 'EstablishAgreement',
  data: {
    agreementId, title: 'Java inter-library cooperation', focalPoint: FOCAL, members: [FOCAL, BANDUNG, SURABAYA],
    forms, startsOn: STARTS_ON, endsOn: ENDS_ON, terms, subjects, standings: allActive, ...data,
  },
  metadata: metadata(as, AT.established),
});
export const joinAgreement = (as: As = {}, data: Partial<C.JoinAgreement['data']> = { subjects: ['340'] }): C.JoinAgreement => ({
  type: 'JoinAgreement', data: { agreementId, isil: MEDAN, standings: allActive, ...data }, metadata: metadata(as, AT.joined),
});
export const withdrawFromAgreement = (
  as: As = {}, data: Partial<C.WithdrawFromAgreement['data']> = { reason: 'Budget cuts' },
): C.WithdrawFromAgreement => ({
  type: 'WithdrawFromAgreement', data: { agreementId, isil: BANDUNG, ...data }, metadata: metadata(as, AT.withdrew),
});
export const amendTerms = (as: As = {}, data: Omit<C.AmendTerms['data'], 'agreementId'> = { terms: { loanPeriodDays: 21 } }): C.AmendTerms => ({
  type: 'AmendTerms', data: { agreementId, ...data }, metadata: metadata(as, AT.amended),
});
export const terminateAgreement = (
  as: As = {}, data: Partial<C.TerminateAgreement['data']> = {},
): C.TerminateAgreement => ({
  type: 'TerminateAgreement',
  data: { agreementId, reason: 'Replaced by a national agreement', ...data },
  metadata: metadata(as, AT.terminated),
});
