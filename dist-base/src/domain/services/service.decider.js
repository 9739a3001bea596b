"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.serviceDecider = exports.decide = exports.evolve = exports.initialState = exports.MAX_UNITS = void 0;
const acting_1 = require("../shared/acting");
const cooperation_1 = require("../shared/cooperation");
const errors_1 = require("../shared/errors");
const dates_1 = require("../shared/dates");
const input_1 = require("../shared/input");
const isil_1 = require("../shared/isil");
const service_errors_1 = require("./service.errors");
const service_events_1 = require("./service.events");
/** A sanity bound on one record; larger work is recorded in several. */
exports.MAX_UNITS = 1_000_000;
const initialState = () => ({ status: 'none' });
exports.initialState = initialState;
// ---- evolve -------------------------------------------------------------
const evolve = (state, event) => {
    switch (event.type) {
        case 'ServiceRendered': {
            const { note: _note, renderedAt: _at, ...keys } = event.data;
            return { status: 'rendered', ...keys };
        }
        // A stray event on an empty stream changes nothing: evolve must never throw.
        case 'ServiceVoided': return state.status === 'none' ? state : { ...state, status: 'voided' };
        default: return state;
    }
};
exports.evolve = evolve;
// ---- input --------------------------------------------------------------
const kindOf = (value) => {
    if (!service_events_1.SERVICE_KINDS.includes(value))
        throw new errors_1.InvalidValue('kind', `kind must be one of ${service_events_1.SERVICE_KINDS.join(', ')}`);
    return value;
};
/** Positive, whole or with up to two decimals, as written. */
const unitsOf = (value) => {
    const valid = typeof value === 'number' && value > 0 && value <= exports.MAX_UNITS && /^\d+(\.\d{1,2})?$/.test(String(value));
    if (!valid)
        throw new errors_1.InvalidValue('units', `units must be a positive number up to ${exports.MAX_UNITS}, with at most two decimals`);
    return value;
};
const renderedOnOf = (value, now) => {
    const today = (0, dates_1.dayOf)(now);
    const day = (0, input_1.ifGiven)(value, (given) => (0, input_1.requireCalendarDate)(given, 'renderedOn')) ?? today;
    if (day > today)
        throw new service_errors_1.ServiceDateInFuture(today);
    return day;
};
// ---- decide -------------------------------------------------------------
const at = (command) => command.metadata.now.toISOString();
const keysOf = (service) => {
    const { status: _status, ...keys } = service;
    return keys;
};
const render = (command, state) => {
    if (state.status !== 'none')
        throw new service_errors_1.ServiceAlreadyExists(state.serviceId);
    const provider = (0, acting_1.actingLibrary)(command, 'record a service it rendered');
    const { data, metadata } = command;
    (0, input_1.requireText)(data.serviceId, 'serviceId');
    (0, input_1.requireText)(data.agreementId, 'agreementId');
    const recipient = (0, isil_1.toIsil)(data.recipient, 'recipient');
    if (provider === recipient)
        throw new service_errors_1.CannotServeOwnLibrary();
    const kind = kindOf(data.kind);
    const units = unitsOf(data.units);
    const unit = (0, input_1.ifGiven)(data.unit, (label) => (0, input_1.requireText)(label, 'unit')) ?? service_events_1.DEFAULT_UNIT[kind];
    const renderedOn = renderedOnOf(data.renderedOn, metadata.now);
    const note = (0, input_1.ifGiven)(data.note, (text) => (0, input_1.requireText)(text, 'note'));
    (0, cooperation_1.assertAgreementCovers)(data.agreement, data.agreementId, 'services', [provider, recipient], metadata.now);
    (0, cooperation_1.assertPartnersActive)(data.standings ?? {}, [provider, recipient]);
    return [{
            type: 'ServiceRendered',
            data: {
                serviceId: data.serviceId, agreementId: data.agreementId, provider, recipient, kind, units, unit, renderedOn,
                ...(0, input_1.optional)('note', note), renderedAt: at(command),
            },
        }];
};
const voidService = (command, state) => {
    if (state.status === 'none')
        throw new service_errors_1.ServiceNotFound(command.data.serviceId);
    if (!(0, acting_1.isCoordinator)(command) && (0, acting_1.actingLibrary)(command, 'void a service') !== state.provider) {
        throw new service_errors_1.NotTheProvider();
    }
    if (state.status === 'voided')
        throw new service_errors_1.ServiceAlreadyVoided(state.serviceId);
    const reason = (0, input_1.requireText)(command.data.reason, 'reason');
    return [{ type: 'ServiceVoided', data: { ...keysOf(state), reason, voidedAt: at(command) } }];
};
const decide = (command, state) => {
    switch (command.type) {
        case 'RenderService': return render(command, state);
        case 'VoidService': return voidService(command, state);
        default: {
            const unknown = command;
            throw new Error(`unknown service command ${unknown.type}`);
        }
    }
};
exports.decide = decide;
exports.serviceDecider = { decide: exports.decide, evolve: exports.evolve, initialState: exports.initialState };
//# sourceMappingURL=service.decider.js.map