import {
  evolve as evolveAgreement,
  initialState,
  type Agreement,
  type AgreementEvent,
  type AmendedPart,
  type ExistingAgreement,
} from '../../domain/agreements';
import type { AgreementFacts } from '../../domain/shared/cooperation';
import type { RecordedEvent } from '../ports/event-store.port';
import type { DocumentProjection } from '../projections/projection';

export const AGREEMENTS_PROJECTION = 'agreements';

/** One library's time in an agreement; a library that withdraws and joins again has two. */
export type Membership = Readonly<{ isil: string; joinedAt: string; withdrawnAt?: string; reason?: string }>;

export type Amendment = Readonly<{ changed: readonly AmendedPart[]; amendedAt: string }>;

/** An agreement as coordinators read it: everything other acts are checked against, and how it came to be. */
export type AgreementView = AgreementFacts & {
  title: string;
  focalPoint: string;
  status: 'active' | 'terminated';
  establishedAt: string;
  terminatedOn?: string;
  terminationReason?: string;
  /** Every membership, current and past, in the order they began. */
  memberships: Membership[];
  amendments: Amendment[];
  version: number;
  position: string;
  updatedAt: string;
};

const AGREEMENT_EVENTS: ReadonlySet<AgreementEvent['type']> = new Set([
  'AgreementEstablished', 'MemberJoined', 'MemberWithdrew', 'TermsAmended', 'AgreementTerminated',
]);

const stateOf = (view: AgreementView | null): Agreement => {
  if (view === null) return initialState();
  const { agreementId, title, focalPoint, members, forms, startsOn, endsOn, terms, subjects, terminatedOn } = view;
  return {
    ...({
      status: view.status === 'active' ? 'established' : 'terminated',
      agreementId, title, focalPoint, members, forms, startsOn, terms, subjects,
      ...(endsOn === undefined ? {} : { endsOn }),
      ...(terminatedOn === undefined ? {} : { terminatedOn }),
    } as Omit<ExistingAgreement, 'goalRatios'>),
    // The record keeps no history of goals (the reports read it from the stream); evolve only appends to this.
    goalRatios: [{ since: view.establishedAt, goalRatio: terms.goalRatio }],
  };
};

const withdrawn = (memberships: readonly Membership[], isil: string, withdrawnAt: string, reason?: string): Membership[] => {
  const open = memberships.map((m) => m.isil === isil && m.withdrawnAt === undefined).lastIndexOf(true);
  return memberships.map((membership, index) =>
    index === open ? { ...membership, withdrawnAt, ...(reason === undefined ? {} : { reason }) } : membership);
};

/** What each event adds to the record beyond the decider's state. */
const recordOf = (view: AgreementView | null, event: AgreementEvent) => {
  const memberships = view?.memberships ?? [];
  const amendments = view?.amendments ?? [];
  const base = { establishedAt: view?.establishedAt ?? '', memberships, amendments, terminationReason: view?.terminationReason };
  switch (event.type) {
    case 'AgreementEstablished': {
      const { members, establishedAt } = event.data;
      return { ...base, establishedAt, memberships: members.map((isil) => ({ isil, joinedAt: establishedAt })) };
    }
    case 'MemberJoined':
      return { ...base, memberships: [...memberships, { isil: event.data.isil, joinedAt: event.data.joinedAt }] };
    case 'MemberWithdrew':
      return { ...base, memberships: withdrawn(memberships, event.data.isil, event.data.withdrawnAt, event.data.reason) };
    case 'TermsAmended':
      return { ...base, amendments: [...amendments, { changed: event.data.changed, amendedAt: event.data.amendedAt }] };
    case 'AgreementTerminated':
      return { ...base, terminationReason: event.data.reason };
    default:
      return base;
  }
};

/** The agreement decider's own evolve gives the state, so the read model can never disagree with the rules. */
export const agreementsProjection: DocumentProjection<AgreementView> = {
  name: AGREEMENTS_PROJECTION,
  version: 1,
  handles: AGREEMENT_EVENTS,
  indexed: ['status', 'focalPoint'],
  keyOf: (event) => (event.data as { agreementId: string }).agreementId,
  evolve: (view, event: RecordedEvent) => {
    const agreementEvent = event as unknown as AgreementEvent;
    const state = evolveAgreement(stateOf(view), agreementEvent);
    if (state.status === 'none') return view;
    const { terminationReason, ...record } = recordOf(view, agreementEvent);
    const { agreementId, title, focalPoint, members, forms, startsOn, endsOn, terms, subjects, terminatedOn } = state;
    return {
      agreementId,
      title,
      focalPoint,
      status: state.status === 'established' ? 'active' : 'terminated',
      terminated: state.status === 'terminated',
      members,
      forms,
      startsOn,
      ...(endsOn === undefined ? {} : { endsOn }),
      terms,
      subjects,
      ...(terminatedOn === undefined ? {} : { terminatedOn }),
      ...(terminationReason === undefined ? {} : { terminationReason }),
      ...record,
      version: event.streamVersion,
      position: event.position,
      updatedAt: event.metadata.recordedAt,
    };
  },
};
