"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readJwks = exports.verifyBody = exports.signBody = exports.jwkOf = exports.SEAL_KEYS = void 0;
const node_crypto_1 = require("node:crypto");
const hash_chain_1 = require("../event-store/hash-chain");
exports.SEAL_KEYS = Symbol('SealKeys');
/** The key id is the RFC 7638 thumbprint of the public key: anyone can recompute it from the key alone. */
const jwkOf = (publicKey) => {
    const { crv, x, kty } = publicKey.export({ format: 'jwk' });
    if (kty !== 'OKP' || crv !== 'Ed25519' || typeof x !== 'string')
        throw new TypeError('a seal key must be an Ed25519 key');
    const kid = (0, node_crypto_1.createHash)('sha256').update(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`).digest('base64url');
    return { kty: 'OKP', crv: 'Ed25519', x, kid, alg: 'EdDSA', use: 'sig' };
};
exports.jwkOf = jwkOf;
/** Signs the canonical JSON of `body` (base64url Ed25519 signature). */
const signBody = (privateKey, body) => (0, node_crypto_1.sign)(null, Buffer.from((0, hash_chain_1.canonicalJson)(body), 'utf8'), privateKey).toString('base64url');
exports.signBody = signBody;
/** True when `signature` is the signature of `body` by the key `kid` among `keys`. */
const verifyBody = (keys, kid, body, signature) => {
    const jwk = keys.find((key) => key.kid === kid);
    if (jwk === undefined || typeof signature !== 'string')
        return false;
    try {
        const publicKey = (0, node_crypto_1.createPublicKey)({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
        return (0, node_crypto_1.verify)(null, Buffer.from((0, hash_chain_1.canonicalJson)(body), 'utf8'), publicKey, Buffer.from(signature, 'base64url'));
    }
    catch {
        return false;
    }
};
exports.verifyBody = verifyBody;
/** Public keys from a JWK or a JWK set, as an auditor saves `GET /v1/audit/keys`; the kid is recomputed, never trusted. */
const readJwks = (value) => {
    const list = typeof value === 'object' && value !== null && Array.isArray(value.keys) ? value.keys : [value];
    return list.map((key) => (0, exports.jwkOf)((0, node_crypto_1.createPublicKey)({ key: key, format: 'jwk' })));
};
exports.readJwks = readJwks;
//# sourceMappingURL=seal-signature.js.map