"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ISBN13_PATTERN = void 0;
exports.ISBN13_PATTERN = /^97[89]\d{10}$/;
//# sourceMappingURL=holdings.events.js.map