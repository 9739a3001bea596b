import type { Actor, CommandMetadata } from '../../../src/domain/shared/decider';
import type { Isbn13 } from '../../../src/domain/shared/isbn';
import type * as C from '../../../src/domain/rotations/rotation.commands';
import type * as E from '../../../src/domain/rotations/rotation.events';
import type { RotationItem, RotationItemInput, RotationStop } from '../../../src/domain/rotations/rotation.plan';
import { BANDUNG, JAKARTA, MEDAN, SURABAYA, agreement, agreementId, standings } from '../shared/agreement.fixtures';

export const OWNER = JAKARTA;
export const FIRST_HOST = BANDUNG;
export const SECOND_HOST = SURABAYA;
/** A member of the agreement that is not on the itinerary. */
export const BYSTANDER = MEDAN;
export const rotationId = 'rot-1';

export const itemsInput: RotationItemInput[] = [
  { itemId: 'JKP-001', title: 'Max Havelaar', isbn: '0-306-40615-2' },
  { itemId: 'JKP-002', title: 'Bumi Manusia' },
  { itemId: 'JKP-003', title: 'Laskar Pelangi', isbn: '979-10-90636-07-1' },
];
export const items: RotationItem[] = [
  { itemId: 'JKP-001', title: 'Max Havelaar', isbn: '9780306406157' as Isbn13 },
  { itemId: 'JKP-002', title: 'Bumi Manusia' },
  { itemId: 'JKP-003', title: 'Laskar Pelangi', isbn: '9791090636071' as Isbn13 },
];
export const itinerary: RotationStop[] = [
  { host: FIRST_HOST, days: 14 },
  { host: SECOND_HOST, days: 21 },
];

/**
 * One journey: Jakarta → Bandung (14 days) → Surabaya (21 days) → Jakarta.
 * Bandung finds JKP-002 missing while it holds the batch.
 */
export const AT = {
  planned: new Date('2025-03-01T09:00:00.000Z'),
  leftOwner: new Date('2025-03-02T09:00:00.000Z'),
  atFirstHost: new Date('2025-03-03T10:00:00.000Z'),
  missingReported: new Date('2025-03-10T11:00:00.000Z'),
  leftFirstHost: new Date('2025-03-17T09:00:00.000Z'),
  atSecondHost: new Date('2025-03-18T10:00:00.000Z'),
  leftSecondHost: new Date('2025-04-08T09:00:00.000Z'),
  home: new Date('2025-04-09T10:00:00.000Z'),
};

export const keys = { rotationId, agreementId, owner: OWNER };

// ---- events ----

export const planned: E.RotationPlanned = {
  type: 'RotationPlanned', data: { ...keys, items, itinerary, plannedAt: AT.planned.toISOString() },
};
export const leftOwner: E.RotationBatchDispatched = {
  type: 'RotationBatchDispatched',
  data: { ...keys, from: OWNER, to: FIRST_HOST, stage: 0, itemCount: 3, dispatchedAt: AT.leftOwner.toISOString() },
};
export const atFirstHost: E.RotationBatchReceived = {
  type: 'RotationBatchReceived',
  data: {
    ...keys, host: FIRST_HOST, from: OWNER, stage: 0, itemCount: 3, receivedAt: AT.atFirstHost.toISOString(),
    dueBackOn: '2025-03-17',
  },
};
export const missingAtFirstHost: E.RotationItemsReportedMissing = {
  type: 'RotationItemsReportedMissing',
  data: { ...keys, reportedBy: FIRST_HOST, itemIds: ['JKP-002'], reportedAt: AT.missingReported.toISOString() },
};
export const leftFirstHost: E.RotationBatchDispatched = {
  type: 'RotationBatchDispatched',
  data: { ...keys, from: FIRST_HOST, to: SECOND_HOST, stage: 1, itemCount: 2, dispatchedAt: AT.leftFirstHost.toISOString() },
};
export const atSecondHost: E.RotationBatchReceived = {
  type: 'RotationBatchReceived',
  data: {
    ...keys, host: SECOND_HOST, from: FIRST_HOST, stage: 1, itemCount: 2, receivedAt: AT.atSecondHost.toISOString(),
    dueBackOn: '2025-04-08',
  },
};
export const leftSecondHost: E.RotationBatchDispatched = {
  type: 'RotationBatchDispatched',
  data: { ...keys, from: SECOND_HOST, to: OWNER, stage: 2, itemCount: 2, dispatchedAt: AT.leftSecondHost.toISOString() },
};
/** Home again: the owner is the receiving library and no return is due. */
export const home: E.RotationBatchReceived = {
  type: 'RotationBatchReceived',
  data: { ...keys, host: OWNER, from: SECOND_HOST, stage: 2, itemCount: 2, receivedAt: AT.home.toISOString() },
};
export const completed: E.RotationCompleted = {
  type: 'RotationCompleted', data: { ...keys, missingItemIds: ['JKP-002'], completedAt: AT.home.toISOString() },
};
/** Sent home early by the first host, the second left out: the leg home, from the first host. */
export const sentHomeEarly: E.RotationBatchDispatched = {
  type: 'RotationBatchDispatched',
  data: { ...keys, from: FIRST_HOST, to: OWNER, stage: 2, itemCount: 2, dispatchedAt: AT.leftFirstHost.toISOString() },
};
export const homeEarly: E.RotationBatchReceived = {
  type: 'RotationBatchReceived',
  data: { ...keys, host: OWNER, from: FIRST_HOST, stage: 2, itemCount: 2, receivedAt: AT.atSecondHost.toISOString() },
};
export const completedEarly: E.RotationCompleted = {
  type: 'RotationCompleted', data: { ...keys, missingItemIds: ['JKP-002'], completedAt: AT.atSecondHost.toISOString() },
};
export const cancelled: E.RotationCancelled = {
  type: 'RotationCancelled', data: { ...keys, reason: 'Exhibition postponed', cancelledAt: AT.leftOwner.toISOString() },
};

// ---- commands ----

/** `by` names the acting library; `actor` replaces the actor whole. */
export type As = { by?: string; now?: Date; actor?: Actor };

const metadata = (as: As, by: string, now: Date): CommandMetadata => ({
  now: as.now ?? now,
  actor: as.actor ?? { role: 'librarian', library: as.by ?? by },
});

export const planRotation = (as: As = {}, data: Partial<C.PlanRotation['data']> = {}): C.PlanRotation => ({
  type: 'PlanRotation',
  data: { rotationId, agreementId, agreement: agreement(), standings: standings(), items: itemsInput, itinerary, ...data },
  metadata: metadata(as, OWNER, AT.planned),
});
/** The facts default to the agreement in force and every library active, as the application gathers them for a leg to a host. */
export const dispatchBatch = (as: As = {}, data: Partial<C.DispatchRotationBatch['data']> = {}): C.DispatchRotationBatch => ({
  type: 'DispatchRotationBatch',
  data: { rotationId, agreement: agreement(), standings: standings(), ...data },
  metadata: metadata(as, OWNER, AT.leftOwner),
});
/** What the application sends for the leg home: no facts, since that leg needs none. */
export const noFacts = { agreement: null, standings: {} };
export const receiveBatch = (as: As = {}): C.ReceiveRotationBatch => ({
  type: 'ReceiveRotationBatch', data: { rotationId }, metadata: metadata(as, FIRST_HOST, AT.atFirstHost),
});
export const reportMissing = (as: As = {}, itemIds: readonly string[] = ['JKP-002']): C.ReportRotationItemsMissing => ({
  type: 'ReportRotationItemsMissing', data: { rotationId, itemIds }, metadata: metadata(as, FIRST_HOST, AT.missingReported),
});
export const cancelRotation = (as: As = {}, reason = 'Exhibition postponed'): C.CancelRotation => ({
  type: 'CancelRotation', data: { rotationId, reason }, metadata: metadata(as, OWNER, AT.leftOwner),
});
