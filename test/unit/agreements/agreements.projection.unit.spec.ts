import { agreementsProjection } from '../../../src/application/agreements/agreements.projection';
import { projectionSpec } from '../../support/decider-spec';
import {
  AT, BANDUNG, ENDS_ON, FOCAL, MEDAN, STARTS_ON, SURABAYA, agreementId, amended, established, forms, joined, subjects, terminated, terms, withdrew,
} from './agreement.fixtures';

const given = projectionSpec(agreementsProjection);

const establishedAt = AT.established.toISOString();

describe('the agreements read model', () => {
  it('holds an agreement as established: its facts, and every member joined when it began', () =>
    given([established]).then({
      [agreementId]: {
        agreementId, title: 'Java inter-library cooperation', focalPoint: FOCAL, status: 'active', terminated: false,
        members: [FOCAL, BANDUNG, SURABAYA], forms, startsOn: STARTS_ON, endsOn: ENDS_ON, terms, subjects,
        establishedAt,
        memberships: [FOCAL, BANDUNG, SURABAYA].map((isil) => ({ isil, joinedAt: establishedAt })),
        amendments: [],
        version: 1, position: '1', updatedAt: establishedAt,
      },
    }));

  it('keeps each membership, current and past, and each amendment', () =>
    given([established, joined, withdrew, amended]).then({
      [agreementId]: {
        agreementId, title: 'Java inter-library cooperation', focalPoint: FOCAL, status: 'active', terminated: false,
        members: [FOCAL, SURABAYA, MEDAN], forms, startsOn: STARTS_ON, endsOn: ENDS_ON, terms: { ...terms, loanPeriodDays: 21 }, subjects,
        establishedAt,
        memberships: [
          { isil: FOCAL, joinedAt: establishedAt },
          { isil: BANDUNG, joinedAt: establishedAt, withdrawnAt: AT.withdrew.toISOString(), reason: 'Budget cuts' },
          { isil: SURABAYA, joinedAt: establishedAt },
          { isil: MEDAN, joinedAt: AT.joined.toISOString() },
        ],
        amendments: [{ changed: ['terms'], amendedAt: AT.amended.toISOString() }],
        version: 4, position: '4', updatedAt: AT.amended.toISOString(),
      },
    }));

  it('marks a terminated agreement, with the day and the reason', () =>
    given([established, terminated]).thenMatch({
      [agreementId]: {
        status: 'terminated', terminated: true, terminatedOn: '2025-09-30', terminationReason: 'Replaced by a national agreement',
        version: 2, updatedAt: AT.terminated.toISOString(),
      },
    }));

  it('makes no document of a step on an agreement it never saw established', () => given([joined]).then({}));
});
