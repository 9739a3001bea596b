"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.agreementDecider = exports.decide = exports.agreementFacts = exports.evolve = exports.initialState = exports.MAX_MEMBERS = void 0;
const cooperation_1 = require("../shared/cooperation");
const acting_1 = require("../shared/acting");
const cooperation_2 = require("../shared/cooperation");
const errors_1 = require("../shared/errors");
const dates_1 = require("../shared/dates");
const input_1 = require("../shared/input");
const isil_1 = require("../shared/isil");
const agreement_errors_1 = require("./agreement.errors");
const agreement_subjects_1 = require("./agreement.subjects");
const agreement_terms_1 = require("./agreement.terms");
/** The most members one agreement may have (the largest network this ledger is sized for). */
exports.MAX_MEMBERS = 10_000;
const initialState = () => ({ status: 'none' });
exports.initialState = initialState;
// ---- evolve -------------------------------------------------------------
const withoutKey = (record, key) => {
    const { [key]: _removed, ...rest } = record;
    return rest;
};
const evolve = (state, event) => {
    if (event.type === 'AgreementEstablished') {
        const { establishedAt: _at, ...agreement } = event.data;
        return { status: 'established', ...agreement };
    }
    // A stray event on an empty stream changes nothing: evolve must never throw.
    if (state.status === 'none')
        return state;
    switch (event.type) {
        case 'MemberJoined': {
            const { isil, subjects } = event.data;
            return {
                ...state,
                members: [...state.members, isil],
                subjects: subjects.length === 0 ? state.subjects : { ...state.subjects, [isil]: subjects },
            };
        }
        case 'MemberWithdrew': {
            const { isil } = event.data;
            return { ...state, members: state.members.filter((member) => member !== isil), subjects: withoutKey(state.subjects, isil) };
        }
        case 'TermsAmended': {
            const { focalPoint, forms, endsOn, terms, subjects } = event.data;
            const { endsOn: _previous, ...rest } = state;
            return { ...rest, focalPoint, forms, ...(0, input_1.optional)('endsOn', endsOn), terms, subjects };
        }
        case 'AgreementTerminated': return { ...state, status: 'terminated', terminatedOn: event.data.terminatedOn };
        default: return state;
    }
};
exports.evolve = evolve;
/** What other deciders need of an agreement, or null when there is none on this stream. */
const agreementFacts = (state) => {
    if (state.status === 'none')
        return null;
    const { agreementId, forms, startsOn, endsOn, members, terms, subjects } = state;
    return {
        agreementId, terminated: state.status === 'terminated', forms, startsOn, ...(0, input_1.optional)('endsOn', endsOn),
        members, terms, subjects,
    };
};
exports.agreementFacts = agreementFacts;
// ---- input --------------------------------------------------------------
const memberList = (value) => {
    const members = (0, input_1.requireList)(value, 2, exports.MAX_MEMBERS, 'members').map((member, index) => (0, isil_1.toIsil)(member, `members[${index}]`));
    if (new Set(members).size !== members.length)
        throw new errors_1.InvalidValue('members', 'members must name each library once');
    return members;
};
/** Forms each once, in the order of COOPERATION_FORMS, so the same set always reads the same. */
const formList = (value) => {
    const forms = (0, input_1.requireList)(value, 1, cooperation_2.COOPERATION_FORMS.length, 'forms');
    forms.forEach((form, index) => {
        if (!cooperation_2.COOPERATION_FORMS.includes(form)) {
            throw new errors_1.InvalidValue(`forms[${index}]`, `forms[${index}] must be one of ${cooperation_2.COOPERATION_FORMS.join(', ')}`);
        }
    });
    if (new Set(forms).size !== forms.length)
        throw new errors_1.InvalidValue('forms', 'forms must name each form once');
    return cooperation_2.COOPERATION_FORMS.filter((form) => forms.includes(form));
};
/** Subjects per member as given, empty lists included (they clear a member's subjects on amendment). */
const subjectsOf = (input, members) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        throw new errors_1.InvalidValue('subjects', 'subjects must map member ISILs to lists of subjects');
    }
    const result = {};
    for (const [key, subjects] of Object.entries(input)) {
        const isil = (0, isil_1.toIsil)(key, `subjects.${key}`);
        if (!members.includes(isil))
            throw new agreement_errors_1.SubjectsForNonMember(isil);
        if (isil in result)
            throw new errors_1.InvalidValue(`subjects.${key}`, `subjects names ${isil} twice`);
        result[isil] = (0, agreement_subjects_1.validateSubjects)(subjects, `subjects.${isil}`);
    }
    return result;
};
const withoutEmpty = (subjects) => Object.fromEntries(Object.entries(subjects).filter(([, list]) => list.length > 0));
const endsOnAfterStart = (endsOn, startsOn) => {
    if (endsOn !== undefined && endsOn < startsOn)
        throw new agreement_errors_1.AgreementEndsBeforeItStarts(startsOn);
    return endsOn;
};
const newFocalPoint = (value, agreement) => {
    const focalPoint = (0, isil_1.toIsil)(value, 'focalPoint');
    if (!agreement.members.includes(focalPoint))
        throw new agreement_errors_1.FocalPointNotAMember(focalPoint);
    return focalPoint;
};
/** The current terms with a patch applied; `null` removes an optional term. */
const amendedTerms = (current, patch) => {
    if (typeof patch !== 'object' || patch === null)
        throw new errors_1.InvalidValue('terms', 'terms must be an object of the terms to change');
    const merged = { ...current };
    for (const [key, value] of Object.entries(patch)) {
        if (value === null)
            delete merged[key];
        else if (value !== undefined)
            merged[key] = value;
    }
    return (0, agreement_terms_1.validateAgreementTerms)(merged);
};
/** JSON with object keys sorted, so equal values compare equal whatever their key order. */
const canonical = (value) => JSON.stringify(value, (_key, v) => v !== null && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : v);
// ---- decide -------------------------------------------------------------
const at = (command) => command.metadata.now.toISOString();
/** An agreement that exists and is not terminated: the only kind most commands may act on. */
const openAgreement = (command, state) => {
    if (state.status === 'none')
        throw new cooperation_2.AgreementNotFound(command.data.agreementId);
    if (state.status === 'terminated')
        throw new agreement_errors_1.AgreementClosed(state.agreementId, state.terminatedOn ?? '');
    return state;
};
const establish = (command, state) => {
    (0, acting_1.requireCoordinator)(command, 'establish an agreement');
    if (state.status !== 'none')
        throw new agreement_errors_1.AgreementAlreadyExists(state.agreementId);
    const { data } = command;
    (0, input_1.requireText)(data.agreementId, 'agreementId');
    const title = (0, input_1.requireText)(data.title, 'title');
    const focalPoint = (0, isil_1.toIsil)(data.focalPoint, 'focalPoint');
    const members = memberList(data.members);
    if (!members.includes(focalPoint))
        throw new agreement_errors_1.FocalPointNotAMember(focalPoint);
    (0, cooperation_1.assertPartnersActive)(data.standings, members);
    const forms = formList(data.forms);
    const startsOn = (0, input_1.requireCalendarDate)(data.startsOn, 'startsOn');
    const endsOn = endsOnAfterStart((0, input_1.ifGiven)(data.endsOn, (day) => (0, input_1.requireCalendarDate)(day, 'endsOn')), startsOn);
    const terms = (0, agreement_terms_1.validateAgreementTerms)(data.terms);
    const subjects = withoutEmpty((0, input_1.ifGiven)(data.subjects, (input) => subjectsOf(input, members)) ?? {});
    return [{
            type: 'AgreementEstablished',
            data: {
                agreementId: data.agreementId, title, focalPoint, members, forms, startsOn, ...(0, input_1.optional)('endsOn', endsOn),
                terms, subjects, establishedAt: at(command),
            },
        }];
};
const join = (command, state) => {
    (0, acting_1.requireCoordinator)(command, 'add a member to an agreement');
    const agreement = openAgreement(command, state);
    const isil = (0, isil_1.toIsil)(command.data.isil, 'isil');
    if (agreement.members.includes(isil))
        throw new agreement_errors_1.AlreadyAMember(isil);
    (0, cooperation_1.assertPartnersActive)(command.data.standings, [isil]);
    if (agreement.members.length >= exports.MAX_MEMBERS)
        throw new errors_1.InvalidValue('isil', `an agreement has at most ${exports.MAX_MEMBERS} members`);
    const subjects = (0, agreement_subjects_1.validateSubjects)(command.data.subjects ?? [], 'subjects');
    return [{ type: 'MemberJoined', data: { agreementId: agreement.agreementId, isil, subjects, joinedAt: at(command) } }];
};
const withdraw = (command, state) => {
    const agreement = openAgreement(command, state);
    const isil = (0, isil_1.toIsil)(command.data.isil, 'isil');
    (0, acting_1.requireCoordinatorOrLibrarianOf)(command, isil, 'withdraw it from this agreement');
    if (!agreement.members.includes(isil))
        throw new agreement_errors_1.NotACurrentMember(isil);
    if (isil === agreement.focalPoint && agreement.members.length > 1)
        throw new agreement_errors_1.FocalPointCannotWithdraw(isil);
    const reason = (0, input_1.ifGiven)(command.data.reason, (text) => (0, input_1.requireText)(text, 'reason'));
    return [{
            type: 'MemberWithdrew',
            data: { agreementId: agreement.agreementId, isil, ...(0, input_1.optional)('reason', reason), withdrawnAt: at(command) },
        }];
};
const amend = (command, state) => {
    (0, acting_1.requireCoordinator)(command, 'amend an agreement');
    const agreement = openAgreement(command, state);
    const { data } = command;
    if ([data.terms, data.forms, data.endsOn, data.subjects, data.focalPoint].every((part) => part === undefined)) {
        throw new agreement_errors_1.EmptyAmendment();
    }
    const focalPoint = data.focalPoint === undefined ? agreement.focalPoint : newFocalPoint(data.focalPoint, agreement);
    const forms = data.forms === undefined ? agreement.forms : formList(data.forms);
    const endsOn = data.endsOn === undefined
        ? agreement.endsOn
        : endsOnAfterStart(data.endsOn === null ? undefined : (0, input_1.requireCalendarDate)(data.endsOn, 'endsOn'), agreement.startsOn);
    const terms = data.terms === undefined ? agreement.terms : amendedTerms(agreement.terms, data.terms);
    const subjects = data.subjects === undefined
        ? agreement.subjects
        : withoutEmpty({ ...agreement.subjects, ...subjectsOf(data.subjects, agreement.members) });
    const after = { terms, forms, endsOn, subjects, focalPoint };
    const changed = Object.keys(after)
        .filter((part) => canonical(after[part]) !== canonical(agreement[part]));
    if (changed.length === 0)
        return [];
    return [{
            type: 'TermsAmended',
            data: {
                agreementId: agreement.agreementId, focalPoint, forms, ...(0, input_1.optional)('endsOn', endsOn), terms, subjects,
                changed, amendedAt: at(command),
            },
        }];
};
const terminate = (command, state) => {
    (0, acting_1.requireCoordinator)(command, 'terminate an agreement');
    const agreement = openAgreement(command, state);
    const reason = (0, input_1.requireText)(command.data.reason, 'reason');
    const today = (0, dates_1.dayOf)(command.metadata.now);
    const terminatedOn = (0, input_1.ifGiven)(command.data.terminatedOn, (day) => (0, input_1.requireCalendarDate)(day, 'terminatedOn')) ?? today;
    if (terminatedOn > today)
        throw new agreement_errors_1.TerminationDateInFuture(today);
    return [{
            type: 'AgreementTerminated',
            data: { agreementId: agreement.agreementId, reason, terminatedOn, terminatedAt: at(command) },
        }];
};
const decide = (command, state) => {
    switch (command.type) {
        case 'EstablishAgreement': return establish(command, state);
        case 'JoinAgreement': return join(command, state);
        case 'WithdrawFromAgreement': return withdraw(command, state);
        case 'AmendTerms': return amend(command, state);
        case 'TerminateAgreement': return terminate(command, state);
        default: {
            const unknown = command;
            throw new Error(`unknown agreement command ${unknown.type}`);
        }
    }
};
exports.decide = decide;
exports.agreementDecider = { decide: exports.decide, evolve: exports.evolve, initialState: exports.initialState };
//# sourceMappingURL=agreement.decider.js.map