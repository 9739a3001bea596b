import { rotationsProjection } from '../../../src/application/rotations/rotations.projection';
import { projectionSpec } from '../../support/decider-spec';
import {
  AT, FIRST_HOST, OWNER, SECOND_HOST, atFirstHost, cancelled, completed, home, items, itinerary, keys, leftFirstHost, leftOwner, leftSecondHost,
  missingAtFirstHost, planned, rotationId, atSecondHost, sentHomeEarly, homeEarly, completedEarly,
} from './rotation.fixtures';

const given = projectionSpec(rotationsProjection);

const plannedAt = AT.planned.toISOString();
const plannedStages = [
  { stage: 0, from: OWNER, to: FIRST_HOST },
  { stage: 1, from: FIRST_HOST, to: SECOND_HOST },
  { stage: 2, from: SECOND_HOST, to: OWNER },
];
const base = { ...keys, itinerary, itemIds: ['JKP-001', 'JKP-002', 'JKP-003'], items, plannedAt };

describe('the rotations read model', () => {
  it('holds a planned rotation at its owner, with one stage per leg of the journey', () =>
    given([planned]).then({
      [rotationId]: {
        ...base, status: 'planned', missingItemIds: [], legsDispatched: 0, leg: null, stage: null, holder: OWNER, inTransit: false,
        stages: plannedStages, missingReports: [],
        version: 1, position: '1', updatedAt: plannedAt,
      },
    }));

  it('shows the batch at its first host, what went missing there, and when each leg ran', () =>
    given([planned, leftOwner, atFirstHost, missingAtFirstHost]).then({
      [rotationId]: {
        ...base, status: 'at-host', missingItemIds: ['JKP-002'], legsDispatched: 1, leg: { from: OWNER, to: FIRST_HOST }, stage: 0,
        holder: FIRST_HOST, inTransit: false,
        stages: [
          { ...plannedStages[0], dispatchedAt: AT.leftOwner.toISOString(), receivedAt: AT.atFirstHost.toISOString(), dueBackOn: '2025-03-17' },
          plannedStages[1],
          plannedStages[2],
        ],
        missingReports: [{ reportedBy: FIRST_HOST, itemIds: ['JKP-002'], reportedAt: AT.missingReported.toISOString() }],
        version: 4, position: '4', updatedAt: AT.missingReported.toISOString(),
      },
    }));

  it('has no holder while the batch is in transit', () =>
    given([planned, leftOwner, atFirstHost, leftFirstHost]).thenMatch({ [rotationId]: { status: 'in-transit', stage: 1, holder: null, inTransit: true } }));

  it('brings the batch home and completes the rotation', () =>
    given([planned, leftOwner, atFirstHost, leftFirstHost, atSecondHost, leftSecondHost, home, completed]).thenMatch({
      [rotationId]: { status: 'completed', stage: 2, holder: OWNER, inTransit: false, completedAt: AT.home.toISOString(), version: 8 },
    }));

  it('shows a batch sent home early: the leg home from the host that sent it, the host left out never dispatched to', () =>
    given([planned, leftOwner, atFirstHost, missingAtFirstHost, sentHomeEarly, homeEarly, completedEarly]).thenMatch({
      [rotationId]: {
        status: 'completed', stage: 2, legsDispatched: 3, leg: { from: FIRST_HOST, to: OWNER }, holder: OWNER, inTransit: false,
        stages: [
          { stage: 0, from: OWNER, to: FIRST_HOST, receivedAt: AT.atFirstHost.toISOString() },
          plannedStages[1],
          { stage: 2, from: FIRST_HOST, to: OWNER, dispatchedAt: AT.leftFirstHost.toISOString(), receivedAt: AT.atSecondHost.toISOString() },
        ],
        completedAt: AT.atSecondHost.toISOString(),
      },
    }));

  it('records why a rotation was cancelled', () =>
    given([planned, cancelled]).thenMatch({
      [rotationId]: { status: 'cancelled', cancelledAt: AT.leftOwner.toISOString(), reason: 'Exhibition postponed' },
    }));

  it('makes no document of a step on a rotation it never saw planned', () => given([leftOwner]).then({}));
});
