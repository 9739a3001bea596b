"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.API_KEY_STORE = void 0;
exports.API_KEY_STORE = Symbol('ApiKeyStore');
//# sourceMappingURL=api-key-store.port.js.map