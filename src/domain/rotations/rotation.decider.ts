import { actingLibrary } from '../shared/acting';
import { assertAgreementCovers, assertPartnersActive, assertStillCovered, fieldsOfList } from '../shared/cooperation';
import { addDays } from '../shared/dates';
import type { Decider } from '../shared/decider';
import { requireList, requireText } from '../shared/input';
import type { Isil } from '../shared/isil';
import type {
  CancelRotation, DispatchRotationBatch, PlanRotation, ReceiveRotationBatch, ReportRotationItemsMissing, RotationCommand,
} from './rotation.commands';
import {
  BatchInTransit, BatchNotInTransit, BatchWithOwner, ItemsAlreadyReportedMissing, NotTheHolder, NotTheOwner, NotTheReceiver,
  RotationAlreadyDispatched, RotationAlreadyExists, RotationChangedMeanwhile, RotationClosed, RotationNotFound, UnknownRotationItems,
} from './rotation.errors';
import type { RotationEvent, RotationKeys } from './rotation.events';
import { MAX_ROTATION_ITEMS, checkItinerary, legOf, parseItems, parseItinerary, type RotationLeg, type RotationStop } from './rotation.plan';
import { isClosedRotationStatus, type RotationStatus } from './rotation.status';

export type NoRotation = Readonly<{ status: 'none' }>;

export type ExistingRotation = Readonly<{
  status: RotationStatus;
  rotationId: string;
  agreementId: string;
  owner: Isil;
  itinerary: readonly RotationStop[];
  itemIds: readonly string[];
  missingItemIds: readonly string[];
  /**
   * The stage of the leg in transit, or of the one last received, plus one:
   * 0 before the batch first leaves, `itinerary.length + 1` once it is on its
   * way home, early or not.
   */
  legsDispatched: number;
  /** The leg in transit, or the one last received, as its dispatch recorded it; null before the batch first leaves. */
  leg: RotationLeg | null;
}>;

export type Rotation = NoRotation | ExistingRotation;

export const initialState = (): Rotation => ({ status: 'none' });

// ---- evolve -------------------------------------------------------------

export const evolve = (state: Rotation, event: RotationEvent): Rotation => {
  if (event.type === 'RotationPlanned') {
    const { rotationId, agreementId, owner, items, itinerary } = event.data;
    return {
      status: 'planned', rotationId, agreementId, owner, itinerary,
      itemIds: items.map((item) => item.itemId), missingItemIds: [], legsDispatched: 0, leg: null,
    };
  }
  // A stray event on an empty stream changes nothing: evolve must never throw.
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'RotationBatchDispatched': {
      const { stage, from, to } = event.data;
      return { ...state, status: 'in-transit', legsDispatched: stage + 1, leg: { from, to } };
    }
    case 'RotationBatchReceived': return { ...state, status: 'at-host' };
    case 'RotationItemsReportedMissing': return { ...state, missingItemIds: [...state.missingItemIds, ...event.data.itemIds] };
    case 'RotationCompleted': return { ...state, status: 'completed' };
    case 'RotationCancelled': return { ...state, status: 'cancelled' };
    default: return state;
  }
};

// ---- where the batch is ---------------------------------------------------

/** The library holding the batch; undefined while it is in transit. */
export const holderOf = (rotation: ExistingRotation): Isil | undefined => {
  if (rotation.status === 'in-transit') return undefined;
  return rotation.leg === null ? rotation.owner : rotation.leg.to;
};

/**
 * The leg the holder would dispatch next, straight home when `home` is asked
 * for; undefined once the batch is home (closed) or while it is in transit.
 */
export const nextLeg = (rotation: ExistingRotation, home = false): (RotationLeg & { stage: number }) | undefined => {
  const from = holderOf(rotation);
  if (isClosedRotationStatus(rotation.status) || from === undefined) return undefined;
  const stage = home ? rotation.itinerary.length : rotation.legsDispatched;
  return { stage, from, to: legOf(rotation.owner, rotation.itinerary, stage).to };
};

const itemsPresent = (rotation: ExistingRotation): number => rotation.itemIds.length - rotation.missingItemIds.length;

// ---- decide -------------------------------------------------------------

const at = (command: RotationCommand): string => command.metadata.now.toISOString();

const keysOf = (rotation: ExistingRotation): RotationKeys => ({
  rotationId: rotation.rotationId,
  agreementId: rotation.agreementId,
  owner: rotation.owner,
});

/** A rotation that exists and is still open: the only kind the later steps may act on. */
const openRotation = (command: RotationCommand, state: Rotation): ExistingRotation => {
  if (state.status === 'none') throw new RotationNotFound(command.data.rotationId);
  if (isClosedRotationStatus(state.status)) throw new RotationClosed(state.status);
  return state;
};

/** The acting library, when it holds the batch (which is not in transit). */
const requireHolder = (command: RotationCommand, rotation: ExistingRotation, action: string): Isil => {
  const library = actingLibrary(command, action);
  const holder = holderOf(rotation);
  if (holder === undefined) throw new BatchInTransit(rotation.leg!.to);
  if (library !== holder) throw new NotTheHolder(action, holder);
  return holder;
};

const plan = (command: PlanRotation, state: Rotation): RotationEvent[] => {
  if (state.status !== 'none') throw new RotationAlreadyExists(state.rotationId);
  const owner = actingLibrary(command, 'plan a rotation');
  const { rotationId, agreementId, agreement, standings } = command.data;
  requireText(rotationId, 'rotationId');
  requireText(agreementId, 'agreementId');
  const itinerary = parseItinerary(command.data.itinerary);
  const parties = [owner, ...new Set(itinerary.map((stop) => stop.host))];
  const fields = { agreement: 'agreementId', parties: fieldsOfList(itinerary.map((stop) => stop.host), (index) => `itinerary[${index}].host`) };
  assertAgreementCovers(agreement, agreementId, 'rotations', parties, command.metadata.now, undefined, fields);
  assertPartnersActive(standings, parties, fields);
  checkItinerary(owner, itinerary);
  const items = parseItems(command.data.items);
  return [{ type: 'RotationPlanned', data: { rotationId, agreementId, owner, items, itinerary, plannedAt: at(command) } }];
};

/**
 * A leg to a host hands the owner's items to that host under the rotation's
 * agreement (the ledger posts them to it on receipt), a new act between the
 * two as a claim transferred is: the agreement must still be in force and
 * cover rotations, and owner and host must still be its members and active
 * partners. The leg home asks none of this, so a rotation can always be
 * wound down; receiving, reporting items missing and cancelling ask it neither.
 */
const assertLegCovered = (command: DispatchRotationBatch, rotation: ExistingRotation, stage: number, host: Isil): void => {
  if (!Object.hasOwn(command.data.standings, host)) throw new RotationChangedMeanwhile();
  const fields = { agreement: 'agreementId', parties: { [rotation.owner]: 'owner', [host]: `itinerary[${stage}].host` } };
  assertStillCovered(command.data, rotation.agreementId, 'rotations', [rotation.owner, host], command.metadata.now, fields);
};

/**
 * Whoever holds the batch sends it on its next leg, or with `home` straight
 * home from a host (the leg home, `itinerary.length`), so a rotation whose
 * next host can no longer take the batch still ends.
 */
const dispatch = (command: DispatchRotationBatch, state: Rotation): RotationEvent[] => {
  const rotation = openRotation(command, state);
  requireHolder(command, rotation, 'dispatch the batch');
  const home = command.data.home === true;
  if (home && rotation.leg === null) throw new BatchWithOwner();
  const { stage, from, to } = nextLeg(rotation, home)!;
  if (to !== rotation.owner) assertLegCovered(command, rotation, stage, to);
  return [{
    type: 'RotationBatchDispatched',
    data: { ...keysOf(rotation), from, to, stage, itemCount: itemsPresent(rotation), dispatchedAt: at(command) },
  }];
};

/** The owner's receipt brings the batch home and completes the rotation in the same append. */
const receive = (command: ReceiveRotationBatch, state: Rotation): RotationEvent[] => {
  const rotation = openRotation(command, state);
  const library = actingLibrary(command, 'receive a rotation batch');
  if (rotation.status !== 'in-transit') throw new BatchNotInTransit();
  const stage = rotation.legsDispatched - 1;
  const { from, to } = rotation.leg!;
  if (library !== to) throw new NotTheReceiver(to);
  const receivedAt = at(command);
  const home = stage === rotation.itinerary.length;
  const received: RotationEvent = {
    type: 'RotationBatchReceived',
    data: {
      ...keysOf(rotation), host: to, from, stage, itemCount: itemsPresent(rotation), receivedAt,
      ...(home ? {} : { dueBackOn: addDays(command.metadata.now, rotation.itinerary[stage].days) }),
    },
  };
  if (!home) return [received];
  return [received, {
    type: 'RotationCompleted',
    data: { ...keysOf(rotation), missingItemIds: rotation.missingItemIds, completedAt: receivedAt },
  }];
};

const reportMissing = (command: ReportRotationItemsMissing, state: Rotation): RotationEvent[] => {
  const rotation = openRotation(command, state);
  const reportedBy = requireHolder(command, rotation, 'report items of the batch missing');
  const requested = requireList<unknown>(command.data.itemIds, 1, MAX_ROTATION_ITEMS, 'itemIds');
  const itemIds = [...new Set(requested.map((id, index) => requireText(id, `itemIds[${index}]`)))];
  const unknown = itemIds.filter((id) => !rotation.itemIds.includes(id));
  if (unknown.length > 0) throw new UnknownRotationItems(unknown);
  const already = itemIds.filter((id) => rotation.missingItemIds.includes(id));
  if (already.length > 0) throw new ItemsAlreadyReportedMissing(already);
  return [{ type: 'RotationItemsReportedMissing', data: { ...keysOf(rotation), reportedBy, itemIds, reportedAt: at(command) } }];
};

const cancel = (command: CancelRotation, state: Rotation): RotationEvent[] => {
  const rotation = openRotation(command, state);
  if (actingLibrary(command, 'cancel a rotation') !== rotation.owner) throw new NotTheOwner('cancel');
  if (rotation.legsDispatched > 0) throw new RotationAlreadyDispatched();
  const reason = requireText(command.data.reason, 'reason');
  return [{ type: 'RotationCancelled', data: { ...keysOf(rotation), reason, cancelledAt: at(command) } }];
};

export const decide = (command: RotationCommand, state: Rotation): RotationEvent[] => {
  switch (command.type) {
    case 'PlanRotation': return plan(command, state);
    case 'DispatchRotationBatch': return dispatch(command, state);
    case 'ReceiveRotationBatch': return receive(command, state);
    case 'ReportRotationItemsMissing': return reportMissing(command, state);
    case 'CancelRotation': return cancel(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown rotation command ${(unknown as { type: string }).type}`);
    }
  }
};

export const rotationDecider: Decider<Rotation, RotationCommand, RotationEvent> = { decide, evolve, initialState };
