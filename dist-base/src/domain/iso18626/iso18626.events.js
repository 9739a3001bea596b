"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ISO18626_VERSIONS = void 0;
/** The two schema versions the ledger speaks, as the messages' `version` attribute names them. */
exports.ISO18626_VERSIONS = ['1.2', '2021-2'];
//# sourceMappingURL=iso18626.events.js.map