"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.holdingsDecider = exports.decide = exports.evolve = exports.initialState = exports.MAX_SUBJECTS_PER_ITEM = void 0;
const acting_1 = require("../shared/acting");
const errors_1 = require("../shared/errors");
const dates_1 = require("../shared/dates");
const input_1 = require("../shared/input");
const isil_1 = require("../shared/isil");
const holdings_commands_1 = require("./holdings.commands");
const holdings_errors_1 = require("./holdings.errors");
const holdings_events_1 = require("./holdings.events");
/** The most subjects one title may carry. */
exports.MAX_SUBJECTS_PER_ITEM = 100;
const initialState = () => ({ status: 'none' });
exports.initialState = initialState;
// ---- evolve -------------------------------------------------------------
/** Folds events of any age: those written when the stream was read whole carry the same data. */
const evolve = (state, event) => state.status === 'none' && event.type === 'HoldingsRegistered' ? { status: 'listed', isil: event.data.isil } : state;
exports.evolve = evolve;
// ---- input --------------------------------------------------------------
const isbnOf = (value, field) => {
    if (typeof value !== 'string' || !holdings_events_1.ISBN13_PATTERN.test(value)) {
        throw new errors_1.InvalidValue(field, `${field} must be an ISBN-13 of 13 digits starting 978 or 979`);
    }
    return value;
};
const itemOf = (item, index, now) => {
    const field = `items[${index}]`;
    if (typeof item !== 'object' || item === null)
        throw new errors_1.InvalidValue(field, `${field} must describe a title`);
    const today = (0, dates_1.dayOf)(now);
    const acquiredOn = (0, input_1.ifGiven)(item.acquiredOn, (day) => (0, input_1.requireCalendarDate)(day, `${field}.acquiredOn`));
    if (acquiredOn !== undefined && acquiredOn > today) {
        throw new errors_1.InvalidValue(`${field}.acquiredOn`, `${field}.acquiredOn cannot be after today (${today})`);
    }
    return {
        isbn13: isbnOf(item.isbn13, `${field}.isbn13`),
        title: (0, input_1.requireText)(item.title, `${field}.title`),
        ...(0, input_1.optional)('author', (0, input_1.ifGiven)(item.author, (author) => (0, input_1.requireText)(author, `${field}.author`))),
        ...(0, input_1.optional)('year', (0, input_1.ifGiven)(item.year, (year) => (0, input_1.requireIntegerBetween)(year, 1, now.getUTCFullYear() + 1, `${field}.year`))),
        ...(0, input_1.optional)('subjects', (0, input_1.ifGiven)(item.subjects, (subjects) => (0, input_1.requireList)(subjects, 0, exports.MAX_SUBJECTS_PER_ITEM, `${field}.subjects`)
            .map((subject, at) => (0, input_1.requireText)(subject, `${field}.subjects[${at}]`)))),
        ...(0, input_1.optional)('acquiredOn', acquiredOn),
    };
};
// ---- decide -------------------------------------------------------------
const at = (command) => command.metadata.now.toISOString();
/** The library acted for, once the actor may act for it and the stream is its own. */
const libraryOf = (command, state, action) => {
    const isil = (0, isil_1.toIsil)(command.data.isil, 'isil');
    (0, acting_1.requireCoordinatorOrLibrarianOf)(command, isil, action);
    if (state.status === 'listed' && state.isil !== isil)
        throw new holdings_errors_1.HoldingsOfAnotherLibrary(state.isil, isil);
    return isil;
};
const register = (command, state) => {
    const isil = libraryOf(command, state, 'register its holdings');
    const items = (0, input_1.requireList)(command.data.items, 1, holdings_commands_1.MAX_ITEMS_PER_COMMAND, 'items')
        .map((item, index) => itemOf(item, index, command.metadata.now));
    // A title named twice in one command is taken once, as first given.
    const seen = new Set();
    const named = items.filter((item) => !seen.has(item.isbn13) && seen.add(item.isbn13));
    return [{ type: 'HoldingsRegistered', data: { isil, items: named, registeredAt: at(command) } }];
};
const withdraw = (command, state) => {
    const isil = libraryOf(command, state, 'withdraw its holdings');
    const isbns = (0, input_1.requireList)(command.data.isbns, 1, holdings_commands_1.MAX_ITEMS_PER_COMMAND, 'isbns')
        .map((isbn, index) => isbnOf(isbn, `isbns[${index}]`));
    return [{ type: 'HoldingsWithdrawn', data: { isil, isbns: [...new Set(isbns)], withdrawnAt: at(command) } }];
};
const decide = (command, state) => {
    switch (command.type) {
        case 'RegisterHoldings': return register(command, state);
        case 'WithdrawHoldings': return withdraw(command, state);
        default: {
            const unknown = command;
            throw new Error(`unknown holdings command ${unknown.type}`);
        }
    }
};
exports.decide = decide;
exports.holdingsDecider = { decide: exports.decide, evolve: exports.evolve, initialState: exports.initialState, readsHistory: false };
//# sourceMappingURL=holdings.decider.js.map