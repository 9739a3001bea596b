import type { AgreementFacts, PartnerStanding } from '../../../src/domain/shared/cooperation';
import { toIsil } from '../../../src/domain/shared/isil';

/** Libraries of one network. */
export const JAKARTA = toIsil('ID-JKPNRI');
export const BANDUNG = toIsil('ID-BDGKOTA');
export const SURABAYA = toIsil('ID-SBYKOTA');
export const MEDAN = toIsil('ID-MDNKOTA');
/** Registered, but not a member of the agreement. */
export const PALEMBANG = toIsil('ID-PLGKOTA');

export const agreementId = 'agr-1';

/** An agreement in force through 2025, covering every form, with a division of labour by Dewey class. */
export const agreement = (changes: Partial<AgreementFacts> = {}): AgreementFacts => ({
  agreementId,
  terminated: false,
  forms: ['loans', 'exchanges', 'rotations', 'acquisitions', 'services'],
  startsOn: '2025-01-01',
  endsOn: '2025-12-31',
  members: [JAKARTA, BANDUNG, SURABAYA, MEDAN],
  terms: { loanPeriodDays: 28, maxRenewals: 2, goalRatio: 1, claimHoldDays: 90 },
  subjects: { [JAKARTA]: ['5', '780', '900-999'], [BANDUNG]: ['000-099', '300'] },
  ...changes,
});

/** Every library of the network in good standing, unless told otherwise. */
export const standings = (changes: Record<string, PartnerStanding | undefined> = {}): Record<string, PartnerStanding | undefined> => ({
  [JAKARTA]: 'active',
  [BANDUNG]: 'active',
  [SURABAYA]: 'active',
  [MEDAN]: 'active',
  [PALEMBANG]: 'active',
  ...changes,
});
