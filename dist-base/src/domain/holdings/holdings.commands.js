"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_ITEMS_PER_COMMAND = void 0;
/** The most titles one command may carry. */
exports.MAX_ITEMS_PER_COMMAND = 10_000;
//# sourceMappingURL=holdings.commands.js.map