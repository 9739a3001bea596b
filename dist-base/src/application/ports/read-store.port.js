"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.InvalidCursor = exports.READ_STORE = void 0;
exports.READ_STORE = Symbol('ReadStore');
class InvalidCursor extends Error {
    constructor() {
        super('the cursor is not one this service gave out');
        this.name = 'InvalidCursor';
    }
}
exports.InvalidCursor = InvalidCursor;
//# sourceMappingURL=read-store.port.js.map