"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadSealKeys = exports.PUBLISHED_KEYS_FILE = exports.SEAL_KEY_FILE = void 0;
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const seal_signature_1 = require("../../application/audit/seal-signature");
const config_1 = require("../config/config");
exports.SEAL_KEY_FILE = 'seal-key.pem';
exports.PUBLISHED_KEYS_FILE = 'seal-keys.json';
/** The key in `<data dir>/seal-key.pem`, generated (readable by the owner only) at first start. */
const keyFromDataDir = (dataDir) => {
    const path = (0, node_path_1.join)(dataDir, exports.SEAL_KEY_FILE);
    if ((0, node_fs_1.existsSync)(path))
        return (0, config_1.readSealKey)((0, node_fs_1.readFileSync)(path, 'utf8'), path);
    (0, node_fs_1.mkdirSync)(dataDir, { recursive: true });
    const { privateKey } = (0, node_crypto_1.generateKeyPairSync)('ed25519');
    (0, node_fs_1.writeFileSync)(path, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
    return privateKey;
};
/**
 * The signing key, and every public key that ever signed a seal here, kept in
 * `<data dir>/seal-keys.json`: after a rotation (a new LEDGER_SEAL_KEY, or the
 * key file moved away) the old keys stay published, so old seals still verify.
 */
const loadSealKeys = (config) => {
    const privateKey = config.sealKey ?? keyFromDataDir(config.dataDir);
    const current = (0, seal_signature_1.jwkOf)((0, node_crypto_1.createPublicKey)(privateKey));
    const path = (0, node_path_1.join)(config.dataDir, exports.PUBLISHED_KEYS_FILE);
    const kept = (0, node_fs_1.existsSync)(path) ? JSON.parse((0, node_fs_1.readFileSync)(path, 'utf8')).keys : [];
    const published = kept.some((key) => key.kid === current.kid) ? kept : [...kept, current];
    if (published !== kept) {
        (0, node_fs_1.mkdirSync)(config.dataDir, { recursive: true });
        (0, node_fs_1.writeFileSync)(`${path}.tmp`, `${JSON.stringify({ keys: published }, null, 2)}\n`);
        (0, node_fs_1.renameSync)(`${path}.tmp`, path);
    }
    return { signing: { kid: current.kid, privateKey }, published };
};
exports.loadSealKeys = loadSealKeys;
//# sourceMappingURL=seal-keys.file.js.map