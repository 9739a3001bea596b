"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.randomIds = exports.IDS = void 0;
const node_crypto_1 = require("node:crypto");
exports.IDS = Symbol('IdSource');
exports.randomIds = { next: () => (0, node_crypto_1.randomUUID)() };
//# sourceMappingURL=ids.port.js.map