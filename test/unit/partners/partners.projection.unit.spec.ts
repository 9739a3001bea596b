import { partnersProjection } from '../../../src/application/partners/partners.projection';
import { projectionSpec } from '../../support/decider-spec';
import { AT, ISIL, left, profile, profileUpdated, registered, reinstated, suspended } from './partner.fixtures';

const given = projectionSpec(partnersProjection);

const registeredAt = AT.registered.toISOString();

describe('the partners directory', () => {
  it('lists a registered partner under its ISIL, with its profile', () =>
    given([registered]).then({
      [ISIL]: {
        status: 'active', isil: ISIL, ...profile, registeredAt,
        history: [{ type: 'PartnerRegistered', at: registeredAt }],
        version: 1, position: '1', updatedAt: registeredAt,
      },
    }));

  it('applies a profile update and names the fields it changed', () =>
    given([registered, profileUpdated]).then({
      [ISIL]: {
        status: 'active', isil: ISIL, ...profile, city: 'Jakarta Pusat', contactEmail: 'pinjam@perpusnas.go.id', registeredAt,
        history: [
          { type: 'PartnerRegistered', at: registeredAt },
          { type: 'PartnerProfileUpdated', at: AT.updated.toISOString(), fields: ['city', 'contactEmail'] },
        ],
        version: 2, position: '2', updatedAt: AT.updated.toISOString(),
      },
    }));

  it('keeps every change of standing with its reason, oldest first', () =>
    given([registered, suspended, reinstated, left]).thenMatch({
      [ISIL]: {
        status: 'left',
        history: [
          { type: 'PartnerRegistered', at: registeredAt },
          { type: 'PartnerSuspended', at: AT.suspended.toISOString(), reason: 'Three loans lost without compensation' },
          { type: 'PartnerReinstated', at: AT.reinstated.toISOString(), reason: 'Compensation paid' },
          { type: 'PartnerLeft', at: AT.left.toISOString(), reason: 'Joined another network' },
        ],
        version: 4,
      },
    }));

  it('makes no entry for a step on a partner it never saw registered', () => given([suspended]).then({}));
});
