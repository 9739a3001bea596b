"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireCoordinatorOrLibrarianOf = exports.requireCoordinator = exports.actingLibrary = exports.isCoordinator = exports.NotThatLibrary = exports.CoordinatorOnly = exports.NoActingLibrary = void 0;
const errors_1 = require("./errors");
const isil_1 = require("./isil");
/**
 * Who may act, for the aggregates whose rules are "a coordinator" or
 * "a coordinator or that library's own librarian". The acting library is
 * always `metadata.actor.library`, never a field of the data.
 */
class NoActingLibrary extends errors_1.Forbidden {
    constructor(action) {
        super('no-acting-library', `Only a library can ${action}, and this key is not bound to one.`);
    }
}
exports.NoActingLibrary = NoActingLibrary;
class CoordinatorOnly extends errors_1.Forbidden {
    constructor(action) {
        super('coordinator-only', `Only a coordinator can ${action}.`);
    }
}
exports.CoordinatorOnly = CoordinatorOnly;
class NotThatLibrary extends errors_1.Forbidden {
    constructor(isil, action) {
        super('not-that-library', `Only a coordinator or a librarian of ${isil} can ${action}.`);
    }
}
exports.NotThatLibrary = NotThatLibrary;
const isCoordinator = (command) => command.metadata.actor.role === 'coordinator';
exports.isCoordinator = isCoordinator;
/** The library the key is bound to; refused when there is none. */
const actingLibrary = (command, action) => {
    const library = command.metadata.actor.library;
    if (library === undefined || library.trim() === '')
        throw new NoActingLibrary(action);
    return (0, isil_1.toIsil)(library, 'actor.library');
};
exports.actingLibrary = actingLibrary;
const requireCoordinator = (command, action) => {
    if (!(0, exports.isCoordinator)(command))
        throw new CoordinatorOnly(action);
};
exports.requireCoordinator = requireCoordinator;
/** A coordinator, or a librarian whose key is bound to `isil`. */
const requireCoordinatorOrLibrarianOf = (command, isil, action) => {
    if ((0, exports.isCoordinator)(command))
        return;
    if (command.metadata.actor.role !== 'librarian' || (0, exports.actingLibrary)(command, action) !== isil)
        throw new NotThatLibrary(isil, action);
};
exports.requireCoordinatorOrLibrarianOf = requireCoordinatorOrLibrarianOf;
//# sourceMappingURL=acting.js.map