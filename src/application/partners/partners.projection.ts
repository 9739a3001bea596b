import {
  evolve as evolvePartner,
  initialState,
  type ExistingPartner,
  type Partner,
  type PartnerEvent,
} from '../../domain/partners';
import type { RecordedEvent } from '../ports/event-store.port';
import type { DocumentProjection } from '../projections/projection';

export const PARTNERS_PROJECTION = 'partners';

/** One step in a partner's life, as the directory shows it. */
export type PartnerHistoryEntry = Readonly<{
  type: PartnerEvent['type'];
  at: string;
  reason?: string;
  /** For a profile update: the fields it changed, in alphabetical order. */
  fields?: readonly string[];
}>;

/** A partner as the directory shows it: the decider's state plus every step, oldest first. */
export type PartnerView = ExistingPartner & {
  history: PartnerHistoryEntry[];
  version: number;
  position: string;
  updatedAt: string;
};

const PARTNER_EVENTS: ReadonlySet<PartnerEvent['type']> = new Set([
  'PartnerRegistered', 'PartnerProfileUpdated', 'PartnerSuspended', 'PartnerReinstated', 'PartnerLeft',
]);

const stateOf = (view: PartnerView | null): Partner => {
  if (view === null) return initialState();
  const { history: _history, version: _v, position: _p, updatedAt: _u, ...state } = view;
  return state;
};

const entryOf = (event: PartnerEvent, at: string): PartnerHistoryEntry => {
  switch (event.type) {
    case 'PartnerProfileUpdated': {
      const { isil: _isil, updatedAt: _at, ...changes } = event.data;
      return { type: event.type, at, fields: Object.keys(changes).sort() };
    }
    case 'PartnerSuspended':
    case 'PartnerReinstated':
    case 'PartnerLeft':
      return { type: event.type, at, ...(event.data.reason === undefined ? {} : { reason: event.data.reason }) };
    default:
      return { type: event.type, at };
  }
};

/** The partner decider's own evolve gives the state, so the directory can never disagree with the rules. */
export const partnersProjection: DocumentProjection<PartnerView> = {
  name: PARTNERS_PROJECTION,
  version: 1,
  handles: PARTNER_EVENTS,
  indexed: ['status', 'country'],
  keyOf: (event) => (event.data as { isil: string }).isil,
  evolve: (view, event: RecordedEvent) => {
    const partnerEvent = event as unknown as PartnerEvent;
    const state = evolvePartner(stateOf(view), partnerEvent);
    if (state.status === 'none') return view;
    const at = event.metadata.recordedAt;
    return {
      ...state,
      history: [...(view?.history ?? []), entryOf(partnerEvent, at)],
      version: event.streamVersion,
      position: event.position,
      updatedAt: at,
    };
  },
};
