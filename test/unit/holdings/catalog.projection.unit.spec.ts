import { catalogProjection } from '../../../src/application/holdings/catalog.projection';
import type { HoldingsRegistered } from '../../../src/domain/holdings/holdings.events';
import { projectionSpec } from '../../support/decider-spec';
import { CLAIMANT, ISBN, fulfilled, title as claimedTitle } from '../claims/claim.fixtures';
import { AT, LIBRARY, OTHER, bumiManusia, maxHavelaar, registered, withdrawn } from './holdings.fixtures';

const given = projectionSpec(catalogProjection);

const registeredAt = AT.registered.toISOString();
/** A second library registers one of the same titles later, describing it otherwise. */
const alsoAtOther: HoldingsRegistered = {
  type: 'HoldingsRegistered',
  data: {
    isil: OTHER, items: [{ isbn13: bumiManusia.isbn13, title: 'Bumi manusia: roman', year: 2005, subjects: ['899.221'] }],
    registeredAt: '2025-03-20T08:00:00.000Z',
  },
};

describe('the union catalogue', () => {
  it('makes one document per title registered, with its holder', () =>
    given([registered]).then({
      [maxHavelaar.isbn13]: {
        isbn: maxHavelaar.isbn13, title: 'Max Havelaar', author: 'Multatuli', year: 1860, subjects: ['839.313'],
        holders: [{ isil: LIBRARY, acquiredOn: '2025-02-14', registeredAt }], firstRegisteredAt: registeredAt, lastAcquiredAt: registeredAt,
      },
      [bumiManusia.isbn13]: {
        isbn: bumiManusia.isbn13, title: 'Bumi Manusia', author: 'Pramoedya Ananta Toer', year: 1980,
        holders: [{ isil: LIBRARY, registeredAt }], firstRegisteredAt: registeredAt, lastAcquiredAt: registeredAt,
      },
    }));

  it('keeps the first description, lets a later holder fill in what it left out, and lists both holders', () =>
    given([registered, alsoAtOther]).thenMatch({
      [bumiManusia.isbn13]: {
        title: 'Bumi Manusia', author: 'Pramoedya Ananta Toer', year: 1980, subjects: ['899.221'],
        holders: [{ isil: LIBRARY, registeredAt }, { isil: OTHER, registeredAt: '2025-03-20T08:00:00.000Z' }],
        firstRegisteredAt: registeredAt, lastAcquiredAt: '2025-03-20T08:00:00.000Z',
      },
    }));

  it('drops a title nobody holds any more', () =>
    given([registered, withdrawn]).then({
      [bumiManusia.isbn13]: {
        isbn: bumiManusia.isbn13, title: 'Bumi Manusia', author: 'Pramoedya Ananta Toer', year: 1980,
        holders: [{ isil: LIBRARY, registeredAt }], firstRegisteredAt: registeredAt, lastAcquiredAt: registeredAt,
      },
    }));

  it('makes the claimant of a fulfilled acquisition a holder, acquired on the day it was bought', () =>
    given([fulfilled]).then({
      [ISBN]: {
        isbn: ISBN, title: claimedTitle,
        holders: [{ isil: CLAIMANT, acquiredOn: '2025-05-20', registeredAt: '2025-05-20T12:00:00.000Z' }],
        firstRegisteredAt: '2025-05-20T12:00:00.000Z', lastAcquiredAt: '2025-05-20T12:00:00.000Z',
      },
    }));

  it('ignores a withdrawal of a title it does not list', () => given([withdrawn]).then({}));
});
