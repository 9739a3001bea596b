"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.hashMatches = exports.eventHash = exports.chainedHash = exports.canonicalJson = exports.GENESIS_HASH = void 0;
const node_crypto_1 = require("node:crypto");
const canonicalize_1 = __importDefault(require("canonicalize"));
/** prevHash of the first event of every stream. */
exports.GENESIS_HASH = '0'.repeat(64);
/** RFC 8785 canonical JSON: the text that is hashed, and the text a store may keep. */
const canonicalJson = (value) => {
    let text;
    try {
        text = (0, canonicalize_1.default)(value);
    }
    catch (error) {
        throw new TypeError(`the value has no JSON form: ${error.message}`);
    }
    if (text === undefined)
        throw new TypeError('the value has no JSON form');
    return text;
};
exports.canonicalJson = canonicalJson;
/**
 * SHA-256 over the canonical JSON of the event and the hash of the event
 * before it in its stream, from data and metadata already in canonical form
 * (a store serialises each once, for the row and the hash alike). The global
 * position is left out: it is the store's to give and an auditor can verify a
 * stream without it. The outer object is written with its keys in canonical
 * (sorted) order.
 */
const chainedHash = (event, canonicalData, canonicalMetadata, prevHash) => 
// One-shot hash(): faster than createHash().update().digest() for one input (the verifier hashes every event of the log).
(0, node_crypto_1.hash)('sha256', `{"data":${canonicalData},"eventId":${JSON.stringify(event.eventId)},"metadata":${canonicalMetadata},` +
    `"prevHash":${JSON.stringify(prevHash)},"streamId":${JSON.stringify(event.streamId)},` +
    `"streamVersion":${event.streamVersion},"type":${JSON.stringify(event.type)}}`, 'hex');
exports.chainedHash = chainedHash;
/** The hash of an event as an auditor recomputes it from what was stored. */
const eventHash = (event, prevHash) => (0, exports.chainedHash)(event, (0, exports.canonicalJson)(event.data), (0, exports.canonicalJson)(event.metadata), prevHash);
exports.eventHash = eventHash;
/**
 * True when `hash` is the hash of the event. A store keeps data and metadata
 * as canonical text, so what JSON.parse read back serialises to that same
 * text in most cases and the hash is checked without canonicalising again;
 * when it does not (a store that reorders keys, or an edited row), the
 * canonical form decides. Either way a match means the content hashed at
 * write time is the content here.
 */
const hashMatches = (event, prevHash, hash) => (0, exports.chainedHash)(event, JSON.stringify(event.data), JSON.stringify(event.metadata), prevHash) === hash || (0, exports.eventHash)(event, prevHash) === hash;
exports.hashMatches = hashMatches;
//# sourceMappingURL=hash-chain.js.map