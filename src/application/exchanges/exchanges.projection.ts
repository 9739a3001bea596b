import {
  evolve as evolveExchange,
  initialState,
  type Exchange,
  type ExchangeEvent,
  type ExchangeItem,
  type ExistingExchange,
} from '../../domain/exchanges';
import type { Isil } from '../../domain/shared/isil';
import type { RecordedEvent } from '../ports/event-store.port';
import type { DocumentProjection } from '../projections/projection';

export const EXCHANGES_PROJECTION = 'exchanges';

/** One library's side of the swap. */
export type ExchangeSideView = Readonly<{
  library: Isil;
  /** When this library sent its items. */
  dispatchedAt?: string;
  /** When this library received the other library's items. */
  receivedAt?: string;
}>;

/** The exchange as coordinators read it: the decider's state, both lists of items and when each step happened. */
export type ExchangeView = ExistingExchange & {
  /** What the proposer sends. */
  offered: readonly ExchangeItem[];
  /** What the counterpart sends. */
  requested: readonly ExchangeItem[];
  sides: Readonly<{ proposer: ExchangeSideView; counterpart: ExchangeSideView }>;
  proposedAt: string;
  acceptedAt?: string;
  declinedAt?: string;
  completedAt?: string;
  cancelledAt?: string;
  cancelledBy?: Isil;
  /** Why it was declined or cancelled. */
  reason?: string;
  version: number;
  position: string;
  updatedAt: string;
};

const EXCHANGE_EVENTS: ReadonlySet<ExchangeEvent['type']> = new Set([
  'ExchangeProposed', 'ExchangeAccepted', 'ExchangeDeclined', 'ExchangeItemsDispatched', 'ExchangeItemsReceived',
  'ExchangeCompleted', 'ExchangeCancelled',
]);

const stateOf = (view: ExchangeView | null): Exchange => {
  if (view === null) return initialState();
  const { status, exchangeId, agreementId, proposer, counterpart, itemCount, dispatchedBy, receivedBy } = view;
  return { status, exchangeId, agreementId, proposer, counterpart, itemCount, dispatchedBy, receivedBy };
};

type Details = Omit<ExchangeView, keyof ExistingExchange | 'version' | 'position' | 'updatedAt'>;

const sideOf = (details: Details, library: Isil): keyof Details['sides'] =>
  details.sides.proposer.library === library ? 'proposer' : 'counterpart';

const withSide = (details: Details, library: Isil, change: Partial<ExchangeSideView>): Details => {
  const side = sideOf(details, library);
  return { ...details, sides: { ...details.sides, [side]: { ...details.sides[side], ...change } } };
};

/** What the decider's state leaves out: items, sides and timestamps, straight from the events. */
const detailsAfter = (details: Details | null, event: ExchangeEvent): Details | null => {
  if (event.type === 'ExchangeProposed') {
    const { offered, requested, proposer, counterpart, proposedAt } = event.data;
    return { offered, requested, sides: { proposer: { library: proposer }, counterpart: { library: counterpart } }, proposedAt };
  }
  if (details === null) return null;
  switch (event.type) {
    case 'ExchangeAccepted': return { ...details, acceptedAt: event.data.acceptedAt };
    case 'ExchangeDeclined': return { ...details, declinedAt: event.data.declinedAt, reason: event.data.reason };
    case 'ExchangeItemsDispatched': return withSide(details, event.data.sender, { dispatchedAt: event.data.dispatchedAt });
    case 'ExchangeItemsReceived': return withSide(details, event.data.receiver, { receivedAt: event.data.receivedAt });
    case 'ExchangeCompleted': return { ...details, completedAt: event.data.completedAt };
    case 'ExchangeCancelled': {
      const { cancelledAt, cancelledBy, reason } = event.data;
      return { ...details, cancelledAt, cancelledBy, reason };
    }
    default: return details;
  }
};

const detailsOf = (view: ExchangeView | null): Details | null => {
  if (view === null) return null;
  const {
    status: _s, exchangeId: _e, agreementId: _a, proposer: _p, counterpart: _c, itemCount: _i, dispatchedBy: _d, receivedBy: _r,
    version: _v, position: _pos, updatedAt: _u, ...details
  } = view;
  return details;
};

/** The exchange decider's own evolve gives the state, so the read model can never disagree with the rules. */
export const exchangesProjection: DocumentProjection<ExchangeView> = {
  name: EXCHANGES_PROJECTION,
  version: 1,
  handles: EXCHANGE_EVENTS,
  indexed: ['proposer', 'counterpart', 'status', 'agreementId'],
  indexedTogether: [['proposer', 'status'], ['counterpart', 'status'], ['agreementId', 'status']],
  keyOf: (event) => (event.data as { exchangeId: string }).exchangeId,
  evolve: (view, event: RecordedEvent) => {
    const exchangeEvent = event as unknown as ExchangeEvent;
    const state = evolveExchange(stateOf(view), exchangeEvent);
    const details = detailsAfter(detailsOf(view), exchangeEvent);
    if (state.status === 'none' || details === null) return view;
    return { ...state, ...details, version: event.streamVersion, position: event.position, updatedAt: event.metadata.recordedAt };
  },
};
