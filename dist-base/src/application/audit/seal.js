"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.leafOf = exports.bodyOf = exports.sealData = exports.isSeal = exports.LEDGER_SEALED = exports.SEAL_STREAM = void 0;
/** The stream of seals: one writer at a time appends to it with its expected version. */
exports.SEAL_STREAM = 'audit-seals';
exports.LEDGER_SEALED = 'LedgerSealed';
const isSeal = (event) => event.type === exports.LEDGER_SEALED && event.streamId === exports.SEAL_STREAM;
exports.isSeal = isSeal;
const sealData = (event) => event.data;
exports.sealData = sealData;
const bodyOf = ({ signature: _signature, ...body }) => body;
exports.bodyOf = bodyOf;
/** An event hash as a Merkle leaf. */
const leafOf = (event) => Buffer.from(event.hash, 'hex');
exports.leafOf = leafOf;
//# sourceMappingURL=seal.js.map