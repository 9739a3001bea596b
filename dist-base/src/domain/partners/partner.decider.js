"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.partnerDecider = exports.decide = exports.partnerStanding = exports.evolve = exports.initialState = void 0;
const acting_1 = require("../shared/acting");
const errors_1 = require("../shared/errors");
const input_1 = require("../shared/input");
const isil_1 = require("../shared/isil");
const partner_errors_1 = require("./partner.errors");
const initialState = () => ({ status: 'none' });
exports.initialState = initialState;
// ---- evolve -------------------------------------------------------------
const evolve = (state, event) => {
    if (event.type === 'PartnerRegistered')
        return { status: 'active', ...event.data };
    // A stray event on an empty stream changes nothing: evolve must never throw.
    if (state.status === 'none')
        return state;
    switch (event.type) {
        case 'PartnerProfileUpdated': {
            const { isil: _isil, updatedAt: _at, ...changes } = event.data;
            return { ...state, ...changes };
        }
        case 'PartnerSuspended': return { ...state, status: 'suspended' };
        case 'PartnerReinstated': return { ...state, status: 'active' };
        case 'PartnerLeft': return { ...state, status: 'left' };
        default: return state;
    }
};
exports.evolve = evolve;
/** Where a partner stands, as the other deciders need it; undefined for a library never registered. */
const partnerStanding = (state) => state.status === 'none' ? undefined : state.status;
exports.partnerStanding = partnerStanding;
// ---- profile fields -----------------------------------------------------
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const country = (value) => {
    if (typeof value !== 'string' || !/^[A-Za-z]{2}$/.test(value)) {
        throw new errors_1.InvalidValue('country', 'country must be an ISO 3166-1 alpha-2 code such as "ID"');
    }
    return value.toUpperCase();
};
const contactEmail = (value) => {
    if (typeof value !== 'string' || !EMAIL.test(value.trim())) {
        throw new errors_1.InvalidValue('contactEmail', 'contactEmail must be an e-mail address');
    }
    return value.trim();
};
const focalPoint = (value) => {
    if (typeof value !== 'boolean')
        throw new errors_1.InvalidValue('focalPoint', 'focalPoint must be true or false');
    return value;
};
/** The fields given, validated and normalised; absent ones stay absent. */
const profileFields = (input) => ({
    ...(0, input_1.optional)('name', (0, input_1.ifGiven)(input.name, (name) => (0, input_1.requireText)(name, 'name'))),
    ...(0, input_1.optional)('country', (0, input_1.ifGiven)(input.country, country)),
    ...(0, input_1.optional)('city', (0, input_1.ifGiven)(input.city, (city) => (0, input_1.requireText)(city, 'city'))),
    ...(0, input_1.optional)('contactEmail', (0, input_1.ifGiven)(input.contactEmail, contactEmail)),
    ...(0, input_1.optional)('focalPoint', (0, input_1.ifGiven)(input.focalPoint, focalPoint)),
});
// ---- decide -------------------------------------------------------------
const at = (command) => command.metadata.now.toISOString();
/** A partner that is registered and has not left: the only kind most commands may act on. */
const currentPartner = (command, state) => {
    if (state.status === 'none')
        throw new partner_errors_1.PartnerNotFound(command.data.isil);
    if (state.status === 'left')
        throw new partner_errors_1.PartnerHasLeft(state.isil);
    return state;
};
const register = (command, state) => {
    (0, acting_1.requireCoordinator)(command, 'register a partner');
    if (state.status !== 'none')
        throw new partner_errors_1.PartnerAlreadyRegistered(state.isil);
    const isil = (0, isil_1.toIsil)(command.data.isil, 'isil');
    const { name, ...rest } = profileFields(command.data);
    if (name === undefined)
        throw new errors_1.InvalidValue('name', 'name must not be empty');
    return [{
            type: 'PartnerRegistered',
            data: { isil, name, ...rest, focalPoint: rest.focalPoint ?? false, registeredAt: at(command) },
        }];
};
const updateProfile = (command, state) => {
    const partner = currentPartner(command, state);
    (0, acting_1.requireCoordinatorOrLibrarianOf)(command, partner.isil, 'update this partner’s profile');
    const { isil: _isil, ...input } = command.data;
    const given = profileFields(input);
    if (Object.keys(given).length === 0)
        throw new partner_errors_1.EmptyProfileUpdate();
    const changes = Object.fromEntries(Object.entries(given).filter(([key, value]) => partner[key] !== value));
    if (changes.focalPoint !== undefined && !(0, acting_1.isCoordinator)(command)) {
        throw new acting_1.CoordinatorOnly('designate the focal point');
    }
    if (Object.keys(changes).length === 0)
        return [];
    return [{ type: 'PartnerProfileUpdated', data: { isil: partner.isil, ...changes, updatedAt: at(command) } }];
};
const suspend = (command, state) => {
    (0, acting_1.requireCoordinator)(command, 'suspend a partner');
    const partner = currentPartner(command, state);
    if (partner.status === 'suspended')
        throw new partner_errors_1.PartnerAlreadySuspended(partner.isil);
    const reason = (0, input_1.requireText)(command.data.reason, 'reason');
    return [{ type: 'PartnerSuspended', data: { isil: partner.isil, reason, suspendedAt: at(command) } }];
};
const reinstate = (command, state) => {
    (0, acting_1.requireCoordinator)(command, 'reinstate a partner');
    const partner = currentPartner(command, state);
    if (partner.status !== 'suspended')
        throw new partner_errors_1.PartnerNotSuspended(partner.isil);
    const { reason } = command.data;
    return [{
            type: 'PartnerReinstated',
            data: {
                isil: partner.isil,
                ...(0, input_1.optional)('reason', (0, input_1.ifGiven)(reason, (text) => (0, input_1.requireText)(text, 'reason'))),
                reinstatedAt: at(command),
            },
        }];
};
const leave = (command, state) => {
    const partner = currentPartner(command, state);
    (0, acting_1.requireCoordinatorOrLibrarianOf)(command, partner.isil, 'record that this partner leaves');
    const { reason } = command.data;
    return [{
            type: 'PartnerLeft',
            data: {
                isil: partner.isil,
                ...(0, input_1.optional)('reason', (0, input_1.ifGiven)(reason, (text) => (0, input_1.requireText)(text, 'reason'))),
                leftAt: at(command),
            },
        }];
};
const decide = (command, state) => {
    switch (command.type) {
        case 'RegisterPartner': return register(command, state);
        case 'UpdatePartnerProfile': return updateProfile(command, state);
        case 'SuspendPartner': return suspend(command, state);
        case 'ReinstatePartner': return reinstate(command, state);
        case 'LeavePartner': return leave(command, state);
        default: {
            const unknown = command;
            throw new Error(`unknown partner command ${unknown.type}`);
        }
    }
};
exports.decide = decide;
exports.partnerDecider = { decide: exports.decide, evolve: exports.evolve, initialState: exports.initialState };
//# sourceMappingURL=partner.decider.js.map