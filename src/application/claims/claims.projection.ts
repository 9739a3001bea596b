import type { ClaimEvent } from '../../domain/claims';
import { optional } from '../../domain/shared/input';
import type { RecordedEvent } from '../ports/event-store.port';
import type { DocumentProjection } from '../projections/projection';

/** Read-model names are plain identifiers (they name SQL tables), hence the underscore. */
export const CLAIMS_PROJECTION = 'acquisition_claims';

export type ClaimStatus = 'active' | 'released' | 'expired' | 'fulfilled';
export const CLAIM_STATUSES: readonly ClaimStatus[] = ['active', 'released', 'expired', 'fulfilled'];

/** One step in the title's claim history, as recorded. */
export type ClaimHistoryEntry = Readonly<{
  type: ClaimEvent['type'];
  at: string;
  claimant?: string;
  from?: string;
  to?: string;
  agreementId?: string;
  expiresOn?: string;
  reason?: string;
}>;

/**
 * A title's claims as coordinators read them, one document per ISBN-13: the
 * latest claim (whatever became of it) and every step of every claim on it.
 */
export type ClaimView = Readonly<{
  isbn: string;
  title: string;
  subjects?: readonly string[];
  status: ClaimStatus;
  /** The library holding (or that last held) the latest claim. */
  claimant: string;
  agreementId: string;
  claimedAt: string;
  /** YYYY-MM-DD: the last day the latest claim holds. */
  expiresOn: string;
  outsideDivisionOfLabour: boolean;
  overrideReason?: string;
  supersedes?: string;
  /** Libraries that bought the title under a claim. */
  fulfilledBy: readonly string[];
  /**
   * Other libraries the union catalogue lists as holding the title, flagged on
   * the latest claim when a holdings registration raced it: the claimant's
   * cue to release the claim or buy knowingly. Empty when none.
   */
  heldElsewhere: readonly string[];
  history: readonly ClaimHistoryEntry[];
  version: number;
  position: string;
  updatedAt: string;
}>;

const CLAIM_EVENTS: ReadonlySet<ClaimEvent['type']> = new Set([
  'AcquisitionClaimed', 'AcquisitionClaimReleased', 'AcquisitionClaimTransferred', 'AcquisitionFulfilled', 'AcquisitionClaimExpired',
  'AcquisitionClaimFlagged',
]);

type Fields = Omit<ClaimView, 'history' | 'version' | 'position' | 'updatedAt'>;

/** The latest claim's fields after the event, and the history entry it adds; null for an event before any claim. */
const apply = (view: ClaimView | null, event: ClaimEvent): { fields: Fields; entry: ClaimHistoryEntry } | null => {
  if (event.type === 'AcquisitionClaimed') {
    const { isbn, title, subjects, claimant, agreementId, claimedAt, expiresOn, outsideDivisionOfLabour, overrideReason, supersedes } =
      event.data;
    return {
      fields: {
        isbn, title, ...optional('subjects', subjects), status: 'active', claimant, agreementId, claimedAt, expiresOn,
        outsideDivisionOfLabour, ...optional('overrideReason', overrideReason), ...optional('supersedes', supersedes),
        fulfilledBy: view?.fulfilledBy ?? [],
        heldElsewhere: [],
      },
      entry: { type: event.type, at: claimedAt, claimant, agreementId, expiresOn, ...optional('reason', overrideReason) },
    };
  }
  if (view === null) return null;
  const { history: _h, version: _v, position: _p, updatedAt: _u, ...current } = view;
  switch (event.type) {
    case 'AcquisitionClaimFlagged':
      return {
        fields: { ...current, heldElsewhere: [...current.heldElsewhere, ...event.data.heldBy] },
        entry: { type: event.type, at: event.data.flaggedAt, claimant: event.data.claimant },
      };
    case 'AcquisitionClaimReleased':
      return {
        fields: { ...current, status: 'released' },
        entry: { type: event.type, at: event.data.releasedAt, claimant: event.data.claimant, ...optional('reason', event.data.reason) },
      };
    case 'AcquisitionClaimTransferred':
      return {
        fields: { ...current, claimant: event.data.to },
        entry: { type: event.type, at: event.data.transferredAt, from: event.data.from, to: event.data.to },
      };
    case 'AcquisitionFulfilled':
      return {
        fields: { ...current, status: 'fulfilled', fulfilledBy: [...current.fulfilledBy, event.data.claimant] },
        entry: { type: event.type, at: event.data.fulfilledAt, claimant: event.data.claimant },
      };
    case 'AcquisitionClaimExpired':
      return {
        fields: { ...current, status: 'expired' },
        entry: { type: event.type, at: event.data.expiredAt, claimant: event.data.claimant, expiresOn: event.data.expiresOn },
      };
    default:
      return null;
  }
};

/** The scheduler finds the claims to expire here: status 'active' with `expiresOn` in the past. */
export const claimsProjection: DocumentProjection<ClaimView> = {
  name: CLAIMS_PROJECTION,
  // 2: heldElsewhere on every document.
  version: 2,
  handles: CLAIM_EVENTS,
  indexed: ['claimant', 'status', 'agreementId', 'outsideDivisionOfLabour'],
  indexedTogether: [['claimant', 'status'], ['agreementId', 'status']],
  keyOf: (event) => (event.data as { isbn: string }).isbn,
  evolve: (view, event: RecordedEvent) => {
    const applied = apply(view, event as unknown as ClaimEvent);
    if (applied === null) return view;
    return {
      ...applied.fields,
      history: [...(view?.history ?? []), applied.entry],
      version: event.streamVersion,
      position: event.position,
      updatedAt: event.metadata.recordedAt,
    };
  },
};
