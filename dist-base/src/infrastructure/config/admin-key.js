"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.resolveAdminKey = void 0;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const api_keys_1 = require("../../application/access/api-keys");
/**
 * The first coordinator key: LEDGER_ADMIN_KEY when set, otherwise the key in
 * `<data dir>/admin.key`, generated (readable by the owner only) at first start.
 */
const resolveAdminKey = (config) => {
    if (config.adminKey !== null)
        return { key: config.adminKey, source: 'environment', created: false };
    const path = (0, node_path_1.join)(config.dataDir, 'admin.key');
    if ((0, node_fs_1.existsSync)(path))
        return { key: (0, node_fs_1.readFileSync)(path, 'utf8').trim(), source: 'file', path, created: false };
    (0, node_fs_1.mkdirSync)(config.dataDir, { recursive: true });
    const key = (0, api_keys_1.generateApiKey)();
    (0, node_fs_1.writeFileSync)(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return { key, source: 'file', path, created: true };
};
exports.resolveAdminKey = resolveAdminKey;
//# sourceMappingURL=admin-key.js.map