import {
  evolve as evolveLoan,
  initialState,
  isoStatus,
  type ExistingLoan,
  type IsoLoanStatus,
  type LoanEvent,
  type LoanItem,
  withIsbn13,
} from '../../domain/loans';
import { isIsbn } from '../../domain/shared/isbn';
import type { RecordedEvent } from '../ports/event-store.port';
import type { DocumentProjection } from '../projections/projection';

export const LOANS_PROJECTION = 'loans';

/** The loan as coordinators read it: the decider's state plus when each step happened. */
export type LoanView = ExistingLoan & {
  isoStatus: IsoLoanStatus;
  item: LoanItem;
  /** When each step was recorded, by event type. */
  history: Record<string, string>;
  version: number;
  position: string;
  updatedAt: string;
};

/**
 * The item as the view keeps it: its ISBN as 13 digits, as loans have
 * recorded it since the ledger normalised their ISBNs too; one recorded
 * earlier as the borrower wrote it is normalised here, unless it no longer
 * reads as an ISBN.
 */
const keptItem = (item: LoanItem): LoanItem => (item.isbn !== undefined && isIsbn(item.isbn) ? withIsbn13(item) : item);

const LOAN_EVENTS: ReadonlySet<LoanEvent['type']> = new Set([
  'LoanRequested', 'LoanAccepted', 'LoanDeclined', 'LoanShipped', 'LoanReceived', 'LoanRenewed', 'LoanRecalled',
  'LoanBecameOverdue', 'LoanReturnShipped', 'LoanCheckedIn', 'LoanReportedLost', 'LoanCancelled',
]);

const stateOf = (view: LoanView | null): ExistingLoan | ReturnType<typeof initialState> => {
  if (view === null) return initialState();
  const { isoStatus: _iso, item: _item, history: _history, version: _v, position: _p, updatedAt: _u, ...state } = view;
  return state;
};

/** The loan decider's own evolve gives the state, so the read model can never disagree with the rules. */
export const loansProjection: DocumentProjection<LoanView> = {
  name: LOANS_PROJECTION,
  version: 2,
  handles: LOAN_EVENTS,
  indexed: ['borrower', 'lender', 'status'],
  indexedTogether: [['borrower', 'status'], ['lender', 'status']],
  keyOf: (event) => (event.data as { loanId: string }).loanId,
  evolve: (view, event: RecordedEvent) => {
    const state = evolveLoan(stateOf(view), event as unknown as LoanEvent);
    if (state.status === 'none') return view;
    const item = event.type === 'LoanRequested' ? keptItem((event.data as { item: LoanItem }).item) : view?.item;
    return {
      ...state,
      isoStatus: isoStatus(state),
      item: item ?? { title: '' },
      history: { ...view?.history, [event.type]: event.metadata.recordedAt },
      version: event.streamVersion,
      position: event.position,
      updatedAt: event.metadata.recordedAt,
    };
  },
};
