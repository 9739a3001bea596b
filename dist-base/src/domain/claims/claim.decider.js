"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.claimDecider = exports.decide = exports.evolve = exports.initialState = void 0;
const acting_1 = require("../shared/acting");
const cooperation_1 = require("../shared/cooperation");
const dates_1 = require("../shared/dates");
const input_1 = require("../shared/input");
const isbn_1 = require("../shared/isbn");
const isil_1 = require("../shared/isil");
const claim_errors_1 = require("./claim.errors");
const claim_guards_1 = require("./claim.guards");
const division_of_labour_1 = require("./division-of-labour");
const initialState = () => ({ isbn: null, active: null, fulfilledBy: [] });
exports.initialState = initialState;
// ---- evolve -------------------------------------------------------------
const evolve = (state, event) => {
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
exports.evolve = evolve;
// ---- decide -------------------------------------------------------------
const at = (command) => command.metadata.now.toISOString();
const hasLapsed = (claim, now) => (0, dates_1.isPastDue)(claim.expiresOn, now);
const expired = (isbn, claim, now) => ({
    type: 'AcquisitionClaimExpired',
    data: { isbn, agreementId: claim.agreementId, claimant: claim.claimant, expiresOn: claim.expiresOn, expiredAt: now.toISOString() },
});
const subjectsOf = (agreement, member) => agreement.subjects[member] ?? [];
/** The title's active claim, for the commands that act on it. */
const activeClaim = (command, state) => {
    const isbn = (0, isbn_1.toIsbn13)(command.data.isbn, 'isbn');
    if (state.isbn === null)
        throw new claim_errors_1.ClaimNotFound(isbn);
    if (state.active === null)
        throw new claim_errors_1.NoActiveClaim(isbn);
    return { isbn: state.isbn, claim: state.active };
};
const requireClaimant = (command, claim, action) => {
    const library = (0, acting_1.actingLibrary)(command, `${action} an acquisition claim`);
    if (library !== claim.claimant)
        throw new claim_errors_1.NotTheClaimant(action, claim.claimant);
    return claim.claimant;
};
/**
 * One active claim per title, and none for a title the network already holds,
 * unless the claimant says why. A claim past its last day no longer stands in
 * the way even before the scheduler has recorded its expiry: it is recorded
 * here, first, so the history never shows two claims at once.
 */
const claim = (command, state) => {
    const claimant = (0, acting_1.actingLibrary)(command, 'claim a title');
    const isbn = (0, isbn_1.toIsbn13)(command.data.isbn, 'isbn');
    const { agreementId, standings } = command.data;
    const { now } = command.metadata;
    (0, input_1.requireText)(agreementId, 'agreementId');
    const agreement = (0, cooperation_1.assertAgreementCovers)(command.data.agreement, agreementId, 'acquisitions', [claimant], now);
    (0, cooperation_1.assertPartnersActive)(standings, [claimant]);
    const title = (0, input_1.requireText)(command.data.title, 'title');
    const subjects = command.data.subjects === undefined ? undefined : (0, division_of_labour_1.validateTitleSubjects)(command.data.subjects);
    const overrideReason = (0, claim_guards_1.optionalText)(command.data.overrideReason, 'overrideReason');
    const heldBy = (0, claim_guards_1.isilList)(command.data.heldBy, 'heldBy');
    const lapsed = state.active !== null && hasLapsed(state.active, now) ? state.active : null;
    const standing = lapsed === null ? state.active : null;
    if (standing !== null) {
        // An override lets another library claim over a claim, never a claimant extend its own.
        const own = standing.claimant === claimant;
        if (own || overrideReason === undefined)
            throw new claim_errors_1.TitleAlreadyClaimed(isbn, standing.claimant, standing.expiresOn, own);
    }
    const holders = [...new Set([...heldBy, ...state.fulfilledBy])];
    if (holders.length > 0 && overrideReason === undefined)
        throw new claim_errors_1.TitleAlreadyHeld(isbn, holders);
    return [
        ...(lapsed === null ? [] : [expired(isbn, lapsed, now)]),
        {
            type: 'AcquisitionClaimed',
            data: {
                isbn, agreementId, claimant, title,
                ...(0, input_1.optional)('subjects', subjects),
                claimedAt: at(command),
                expiresOn: (0, dates_1.addDays)(now, agreement.terms.claimHoldDays),
                outsideDivisionOfLabour: (0, division_of_labour_1.isOutsideDivisionOfLabour)(subjectsOf(agreement, claimant), subjects),
                ...(0, input_1.optional)('overrideReason', overrideReason),
                ...(0, input_1.optional)('supersedes', standing?.claimant),
            },
        },
    ];
};
const release = (command, state) => {
    const { isbn, claim: active } = activeClaim(command, state);
    const claimant = requireClaimant(command, active, 'release');
    const reason = (0, claim_guards_1.optionalText)(command.data.reason, 'reason');
    return [{
            type: 'AcquisitionClaimReleased',
            data: { isbn, agreementId: active.agreementId, claimant, releasedAt: at(command), ...(0, input_1.optional)('reason', reason) },
        }];
};
const transfer = (command, state) => {
    const { isbn, claim: active } = activeClaim(command, state);
    const from = requireClaimant(command, active, 'transfer');
    const to = (0, isil_1.toIsil)(command.data.to, 'to');
    if (to === from)
        throw new claim_errors_1.CannotTransferToSelf();
    (0, cooperation_1.assertPartnersActive)(command.data.standings, [to]);
    if (hasLapsed(active, command.metadata.now))
        throw new claim_errors_1.ClaimLapsed(active.expiresOn);
    return [{
            type: 'AcquisitionClaimTransferred',
            data: { isbn, agreementId: active.agreementId, from, to, transferredAt: at(command), expiresOn: active.expiresOn },
        }];
};
const fulfil = (command, state) => {
    const { isbn, claim: active } = activeClaim(command, state);
    const claimant = requireClaimant(command, active, 'fulfil');
    return [{ type: 'AcquisitionFulfilled', data: { isbn, agreementId: active.agreementId, claimant, title: active.title, fulfilledAt: at(command) } }];
};
/** Idempotent, so a scheduler that runs twice, or late, records an expiry exactly once. */
const expire = (command, state) => {
    if (command.metadata.actor.role !== 'system')
        throw new claim_errors_1.NotTheClaimScheduler();
    const isbn = (0, isbn_1.toIsbn13)(command.data.isbn, 'isbn');
    if (state.isbn === null)
        throw new claim_errors_1.ClaimNotFound(isbn);
    if (state.active === null)
        return [];
    if (!hasLapsed(state.active, command.metadata.now))
        throw new claim_errors_1.ClaimNotYetDue(state.active.expiresOn);
    return [expired(state.isbn, state.active, command.metadata.now)];
};
/** Idempotent: only holders not flagged yet, and none for the claimant itself or a claim no longer active. */
const flag = (command, state) => {
    if (command.metadata.actor.role !== 'system')
        throw new claim_errors_1.NotTheClaimScheduler();
    const isbn = (0, isbn_1.toIsbn13)(command.data.isbn, 'isbn');
    const active = state.active;
    if (active === null)
        return [];
    const others = (0, claim_guards_1.isilList)(command.data.heldBy, 'heldBy').filter((holder) => holder !== active.claimant && !active.heldElsewhere.includes(holder));
    if (others.length === 0)
        return [];
    return [{ type: 'AcquisitionClaimFlagged', data: { isbn, agreementId: active.agreementId, claimant: active.claimant, heldBy: others, flaggedAt: at(command) } }];
};
const decide = (command, state) => {
    switch (command.type) {
        case 'FlagClaimHeldElsewhere': return flag(command, state);
        case 'ClaimAcquisition': return claim(command, state);
        case 'ReleaseAcquisitionClaim': return release(command, state);
        case 'TransferAcquisitionClaim': return transfer(command, state);
        case 'FulfilAcquisitionClaim': return fulfil(command, state);
        case 'ExpireAcquisitionClaim': return expire(command, state);
        default: {
            const unknown = command;
            throw new Error(`unknown claim command ${unknown.type}`);
        }
    }
};
exports.decide = decide;
exports.claimDecider = { decide: exports.decide, evolve: exports.evolve, initialState: exports.initialState };
//# sourceMappingURL=claim.decider.js.map