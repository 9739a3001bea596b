import { actingLibrary } from '../shared/acting';
import { assertAgreementCovers, assertPartnersActive, type AgreementFacts } from '../shared/cooperation';
import { addDays, isPastDue } from '../shared/dates';
import type { Decider } from '../shared/decider';
import { optional, requireText } from '../shared/input';
import { toIsbn13, type Isbn13 } from '../shared/isbn';
import { toIsil, type Isil } from '../shared/isil';
import type {
  ClaimAcquisition, ClaimCommand, ExpireAcquisitionClaim, FlagClaimHeldElsewhere, FulfilAcquisitionClaim, ReleaseAcquisitionClaim,
  TransferAcquisitionClaim,
} from './claim.commands';
import {
  CannotTransferToSelf, ClaimChangedMeanwhile, ClaimLapsed, ClaimNotFound, ClaimNotYetDue, NoActiveClaim, NotTheClaimScheduler,
  NotTheClaimant, TitleAlreadyClaimed, TitleAlreadyHeld,
} from './claim.errors';
import type { AcquisitionClaimExpired, ClaimEvent } from './claim.events';
import { isilList, optionalText } from './claim.guards';
import { isOutsideDivisionOfLabour, validateTitleSubjects } from './division-of-labour';

export type ActiveClaim = Readonly<{
  claimant: Isil;
  agreementId: string;
  /** Carried to the fulfilment, so the union catalogue can list the title that was bought. */
  title: string;
  /** YYYY-MM-DD, the last day the claim holds. */
  expiresOn: string;
  /** Other libraries the catalogue lists as holding the title, flagged on this claim. */
  heldElsewhere: readonly Isil[];
}>;

/** Everything the ledger knows of one title's claims: `isbn` is null until it is first claimed. */
export type TitleClaims = Readonly<{
  isbn: Isbn13 | null;
  active: ActiveClaim | null;
  /** Libraries that bought the title under a claim. */
  fulfilledBy: readonly Isil[];
}>;

export const initialState = (): TitleClaims => ({ isbn: null, active: null, fulfilledBy: [] });

// ---- evolve -------------------------------------------------------------

export const evolve = (state: TitleClaims, event: ClaimEvent): TitleClaims => {
  switch (event.type) {
    case 'AcquisitionClaimed': {
      const { isbn, claimant, agreementId, expiresOn, title } = event.data;
      return { ...state, isbn, active: { claimant, agreementId, expiresOn, title, heldElsewhere: [] } };
    }
    case 'AcquisitionClaimFlagged':
      return state.active === null ? state : { ...state, active: { ...state.active, heldElsewhere: [...state.active.heldElsewhere, ...event.data.heldBy] } };
    case 'AcquisitionClaimTransferred':
      return state.active === null ? state : { ...state, active: { ...state.active, claimant: event.data.to } };
    case 'AcquisitionFulfilled':
      return { ...state, active: null, fulfilledBy: [...state.fulfilledBy, event.data.claimant] };
    case 'AcquisitionClaimReleased':
    case 'AcquisitionClaimExpired':
      return { ...state, active: null };
    default:
      return state;
  }
};

// ---- decide -------------------------------------------------------------

const at = (command: ClaimCommand): string => command.metadata.now.toISOString();

const hasLapsed = (claim: ActiveClaim, now: Date): boolean => isPastDue(claim.expiresOn, now);

const expired = (isbn: Isbn13, claim: ActiveClaim, now: Date): AcquisitionClaimExpired => ({
  type: 'AcquisitionClaimExpired',
  data: { isbn, agreementId: claim.agreementId, claimant: claim.claimant, expiresOn: claim.expiresOn, expiredAt: now.toISOString() },
});

const subjectsOf = (agreement: AgreementFacts, member: Isil): readonly string[] =>
  agreement.subjects[member] ?? [];

/** The title's active claim, for the commands that act on it. */
const activeClaim = (command: ClaimCommand, state: TitleClaims): { isbn: Isbn13; claim: ActiveClaim } => {
  const isbn = toIsbn13(command.data.isbn, 'isbn');
  if (state.isbn === null) throw new ClaimNotFound(isbn);
  if (state.active === null) throw new NoActiveClaim(isbn);
  return { isbn: state.isbn, claim: state.active };
};

const requireClaimant = (command: ClaimCommand, claim: ActiveClaim, action: string): Isil => {
  const library = actingLibrary(command, `${action} an acquisition claim`);
  if (library !== claim.claimant) throw new NotTheClaimant(action, claim.claimant);
  return claim.claimant;
};

/**
 * One active claim per title, and none for a title the network already holds,
 * unless the claimant says why. A claim past its last day no longer stands in
 * the way even before the scheduler has recorded its expiry: it is recorded
 * here, first, so the history never shows two claims at once.
 */
const claim = (command: ClaimAcquisition, state: TitleClaims): ClaimEvent[] => {
  const claimant = actingLibrary(command, 'claim a title');
  const isbn = toIsbn13(command.data.isbn, 'isbn');
  const { agreementId, standings } = command.data;
  const { now } = command.metadata;
  requireText(agreementId, 'agreementId');
  const agreement = assertAgreementCovers(command.data.agreement, agreementId, 'acquisitions', [claimant], now, undefined, { agreement: 'agreementId' });
  assertPartnersActive(standings, [claimant]);
  const title = requireText(command.data.title, 'title');
  const subjects = command.data.subjects === undefined ? undefined : validateTitleSubjects(command.data.subjects);
  const overrideReason = optionalText(command.data.overrideReason, 'overrideReason');
  const heldBy = isilList(command.data.heldBy, 'heldBy');

  const lapsed = state.active !== null && hasLapsed(state.active, now) ? state.active : null;
  const standing = lapsed === null ? state.active : null;
  if (standing !== null) {
    // An override lets another library claim over a claim, never a claimant extend its own.
    const own = standing.claimant === claimant;
    if (own || overrideReason === undefined) throw new TitleAlreadyClaimed(isbn, standing.claimant, standing.expiresOn, own);
  }
  const holders = [...new Set([...heldBy, ...state.fulfilledBy])];
  if (holders.length > 0 && overrideReason === undefined) throw new TitleAlreadyHeld(isbn, holders);

  return [
    ...(lapsed === null ? [] : [expired(isbn, lapsed, now)]),
    {
      type: 'AcquisitionClaimed',
      data: {
        isbn, agreementId, claimant, title,
        ...optional('subjects', subjects),
        claimedAt: at(command),
        expiresOn: addDays(now, agreement.terms.claimHoldDays),
        outsideDivisionOfLabour: isOutsideDivisionOfLabour(subjectsOf(agreement, claimant), subjects),
        ...optional('overrideReason', overrideReason),
        ...optional('supersedes', standing?.claimant),
      },
    },
  ];
};

const release = (command: ReleaseAcquisitionClaim, state: TitleClaims): ClaimEvent[] => {
  const { isbn, claim: active } = activeClaim(command, state);
  const claimant = requireClaimant(command, active, 'release');
  // A lapsed claim is recorded as lapsed, never as released: released late, a claim let run out would not
  // count against its claimant in the fairness report's claims lapsed, the figure coordinators watch.
  if (hasLapsed(active, command.metadata.now)) throw new ClaimLapsed(isbn, active.expiresOn);
  const reason = optionalText(command.data.reason, 'reason');
  return [{
    type: 'AcquisitionClaimReleased',
    data: { isbn, agreementId: active.agreementId, claimant, releasedAt: at(command), ...optional('reason', reason) },
  }];
};

const transfer = (command: TransferAcquisitionClaim, state: TitleClaims): ClaimEvent[] => {
  const { isbn, claim: active } = activeClaim(command, state);
  const from = requireClaimant(command, active, 'transfer');
  const to = toIsil(command.data.to, 'to');
  if (to === from) throw new CannotTransferToSelf();
  const { agreement } = command.data;
  if (agreement !== null && agreement.agreementId !== active.agreementId) throw new ClaimChangedMeanwhile(isbn);
  // The recipient takes the claim on as if it claimed the title under the claim's agreement. The claimant
  // is not asked to be a member still: one that has withdrawn may hand its claim on.
  const fields = { parties: { [to]: 'to' } };
  assertAgreementCovers(agreement, active.agreementId, 'acquisitions', [to], command.metadata.now, undefined, fields);
  assertPartnersActive(command.data.standings, [to], fields);
  if (hasLapsed(active, command.metadata.now)) throw new ClaimLapsed(isbn, active.expiresOn);
  return [{
    type: 'AcquisitionClaimTransferred',
    data: { isbn, agreementId: active.agreementId, from, to, transferredAt: at(command), expiresOn: active.expiresOn },
  }];
};

const fulfil = (command: FulfilAcquisitionClaim, state: TitleClaims): ClaimEvent[] => {
  const { isbn, claim: active } = activeClaim(command, state);
  const claimant = requireClaimant(command, active, 'fulfil');
  // Past its last day the claim no longer holds, whether or not the scheduler has recorded its expiry yet
  // (as a rival's claim and a transfer already see it), so the outcome does not hang on when the scheduler ran.
  if (hasLapsed(active, command.metadata.now)) throw new ClaimLapsed(isbn, active.expiresOn);
  return [{ type: 'AcquisitionFulfilled', data: { isbn, agreementId: active.agreementId, claimant, title: active.title, fulfilledAt: at(command) } }];
};

/** Idempotent, so a scheduler that runs twice, or late, records an expiry exactly once. */
const expire = (command: ExpireAcquisitionClaim, state: TitleClaims): ClaimEvent[] => {
  if (command.metadata.actor.role !== 'system') throw new NotTheClaimScheduler();
  const isbn = toIsbn13(command.data.isbn, 'isbn');
  if (state.isbn === null) throw new ClaimNotFound(isbn);
  if (state.active === null) return [];
  if (!hasLapsed(state.active, command.metadata.now)) throw new ClaimNotYetDue(state.active.expiresOn);
  return [expired(state.isbn, state.active, command.metadata.now)];
};

/** Idempotent: only holders not flagged yet, and none for the claimant itself or a claim no longer active. */
const flag = (command: FlagClaimHeldElsewhere, state: TitleClaims): ClaimEvent[] => {
  if (command.metadata.actor.role !== 'system') throw new NotTheClaimScheduler();
  const isbn = toIsbn13(command.data.isbn, 'isbn');
  const active = state.active;
  if (active === null) return [];
  const others = isilList(command.data.heldBy, 'heldBy').filter(
    (holder) => holder !== active.claimant && !active.heldElsewhere.includes(holder),
  );
  if (others.length === 0) return [];
  return [{ type: 'AcquisitionClaimFlagged', data: { isbn, agreementId: active.agreementId, claimant: active.claimant, heldBy: others, flaggedAt: at(command) } }];
};

export const decide = (command: ClaimCommand, state: TitleClaims): ClaimEvent[] => {
  switch (command.type) {
    case 'FlagClaimHeldElsewhere': return flag(command, state);
    case 'ClaimAcquisition': return claim(command, state);
    case 'ReleaseAcquisitionClaim': return release(command, state);
    case 'TransferAcquisitionClaim': return transfer(command, state);
    case 'FulfilAcquisitionClaim': return fulfil(command, state);
    case 'ExpireAcquisitionClaim': return expire(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown claim command ${(unknown as { type: string }).type}`);
    }
  }
};

export const claimDecider: Decider<TitleClaims, ClaimCommand, ClaimEvent> = { decide, evolve, initialState };
