import {
  evolve as evolveRotation,
  holderOf,
  initialState,
  legOf,
  type ExistingRotation,
  type Rotation,
  type RotationEvent,
  type RotationItem,
} from '../../domain/rotations';
import type { Isil } from '../../domain/shared/isil';
import type { RecordedEvent } from '../ports/event-store.port';
import type { DocumentProjection } from '../projections/projection';

export const ROTATIONS_PROJECTION = 'rotations';

/**
 * One leg of the journey: 0 is owner → first host, the last one brings the
 * batch home. A batch sent home early leaves the legs between undispatched,
 * and its leg home is from the host that sent it.
 */
export type RotationStageView = Readonly<{
  stage: number;
  from: Isil;
  to: Isil;
  dispatchedAt?: string;
  receivedAt?: string;
  /** YYYY-MM-DD: when the host should send the batch on; absent on the way home. */
  dueBackOn?: string;
}>;

export type MissingReportView = Readonly<{ reportedBy: Isil; itemIds: readonly string[]; reportedAt: string }>;

/** The rotation as coordinators read it: the decider's state, where the batch is, and when each leg happened. */
export type RotationView = ExistingRotation & {
  items: readonly RotationItem[];
  /** The leg in transit or last received; null while the batch has not left its owner. */
  stage: number | null;
  /** The library holding the batch now; null while it is in transit. */
  holder: Isil | null;
  inTransit: boolean;
  stages: readonly RotationStageView[];
  missingReports: readonly MissingReportView[];
  plannedAt: string;
  completedAt?: string;
  cancelledAt?: string;
  /** Why it was cancelled. */
  reason?: string;
  version: number;
  position: string;
  updatedAt: string;
};

const ROTATION_EVENTS: ReadonlySet<RotationEvent['type']> = new Set([
  'RotationPlanned', 'RotationBatchDispatched', 'RotationBatchReceived', 'RotationItemsReportedMissing', 'RotationCompleted',
  'RotationCancelled',
]);

const stateOf = (view: RotationView | null): Rotation => {
  if (view === null) return initialState();
  const { status, rotationId, agreementId, owner, itinerary, itemIds, missingItemIds, legsDispatched, leg } = view;
  return { status, rotationId, agreementId, owner, itinerary, itemIds, missingItemIds, legsDispatched, leg };
};

/** What the decider's state leaves out, straight from the events; where the batch is comes from the state. */
type Details = Pick<RotationView, 'items' | 'stages' | 'missingReports' | 'plannedAt' | 'completedAt' | 'cancelledAt' | 'reason'>;

const detailsOf = (view: RotationView | null): Details | null =>
  view === null
    ? null
    : {
        items: view.items, stages: view.stages, missingReports: view.missingReports, plannedAt: view.plannedAt,
        ...(view.completedAt === undefined ? {} : { completedAt: view.completedAt }),
        ...(view.cancelledAt === undefined ? {} : { cancelledAt: view.cancelledAt }),
        ...(view.reason === undefined ? {} : { reason: view.reason }),
      };

const withStage = (details: Details, stage: number, change: Partial<RotationStageView>): Details => ({
  ...details,
  stages: details.stages.map((entry) => (entry.stage === stage ? { ...entry, ...change } : entry)),
});

const detailsAfter = (details: Details | null, event: RotationEvent): Details | null => {
  if (event.type === 'RotationPlanned') {
    const { owner, items, itinerary, plannedAt } = event.data;
    const stages = Array.from({ length: itinerary.length + 1 }, (_, stage) => ({ stage, ...legOf(owner, itinerary, stage) }));
    return { items, stages, missingReports: [], plannedAt };
  }
  if (details === null) return null;
  switch (event.type) {
    case 'RotationBatchDispatched': {
      // A batch sent home early leaves from the host holding it, not from the last one planned.
      const { stage, from, to, dispatchedAt } = event.data;
      return withStage(details, stage, { from, to, dispatchedAt });
    }
    case 'RotationBatchReceived': {
      const { stage, receivedAt, dueBackOn } = event.data;
      return withStage(details, stage, { receivedAt, ...(dueBackOn === undefined ? {} : { dueBackOn }) });
    }
    case 'RotationItemsReportedMissing': {
      const { reportedBy, itemIds, reportedAt } = event.data;
      return { ...details, missingReports: [...details.missingReports, { reportedBy, itemIds, reportedAt }] };
    }
    case 'RotationCompleted': return { ...details, completedAt: event.data.completedAt };
    case 'RotationCancelled': return { ...details, cancelledAt: event.data.cancelledAt, reason: event.data.reason };
    default: return details;
  }
};

/** The rotation decider's own evolve gives the state and the holder, so the read model can never disagree with the rules. */
export const rotationsProjection: DocumentProjection<RotationView> = {
  name: ROTATIONS_PROJECTION,
  // 2: the decider's state, and so each document, carries the leg in transit or last received.
  version: 2,
  handles: ROTATION_EVENTS,
  indexed: ['owner', 'status', 'agreementId', 'holder'],
  indexedTogether: [['owner', 'status'], ['holder', 'status'], ['agreementId', 'status']],
  keyOf: (event) => (event.data as { rotationId: string }).rotationId,
  evolve: (view, event: RecordedEvent) => {
    const rotationEvent = event as unknown as RotationEvent;
    const state = evolveRotation(stateOf(view), rotationEvent);
    const details = detailsAfter(detailsOf(view), rotationEvent);
    if (state.status === 'none' || details === null) return view;
    return {
      ...state,
      ...details,
      stage: state.legsDispatched === 0 ? null : state.legsDispatched - 1,
      holder: holderOf(state) ?? null,
      inTransit: state.status === 'in-transit',
      version: event.streamVersion,
      position: event.position,
      updatedAt: event.metadata.recordedAt,
    };
  },
};
