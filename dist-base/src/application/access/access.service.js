"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.AccessService = exports.BOOTSTRAP_KEY_ID = void 0;
const common_1 = require("@nestjs/common");
const errors_1 = require("../../domain/shared/errors");
const isil_1 = require("../../domain/shared/isil");
const api_key_store_port_1 = require("../ports/api-key-store.port");
const clock_port_1 = require("../ports/clock.port");
const ids_port_1 = require("../ports/ids.port");
const api_keys_1 = require("./api-keys");
exports.BOOTSTRAP_KEY_ID = 'bootstrap-coordinator';
let AccessService = class AccessService {
    keys;
    clock;
    ids;
    revocationListeners = [];
    constructor(keys, clock, ids) {
        this.keys = keys;
        this.clock = clock;
        this.ids = ids;
    }
    /** The principal a presented key stands for, or null when it is unknown or revoked. */
    async authenticate(key) {
        const record = await this.keys.findByDigest((0, api_keys_1.digestApiKey)(key));
        if (!record || record.revokedAt !== null)
            return null;
        return { keyId: record.id, role: record.role, ...(record.library ? { library: record.library } : {}) };
    }
    /** Makes `key` the bootstrap coordinator key (a changed LEDGER_ADMIN_KEY replaces the old one). */
    async installBootstrapKey(key) {
        const record = {
            id: exports.BOOTSTRAP_KEY_ID,
            role: 'coordinator',
            library: null,
            label: 'bootstrap coordinator key',
            createdAt: this.clock.now().toISOString(),
            createdBy: null,
            revokedAt: null,
        };
        await this.keys.upsert(record, (0, api_keys_1.digestApiKey)(key));
    }
    /** Issues a key; the secret is returned here once and never kept. */
    async issue(by, request) {
        if (by.role !== 'coordinator')
            throw new errors_1.Forbidden('coordinator-only', 'only a coordinator issues API keys');
        const library = request.role === 'librarian' ? this.libraryOf(request.isil) : null;
        if (request.role !== 'librarian' && request.isil !== undefined) {
            throw new errors_1.InvalidValue('isil', 'only a librarian key is bound to a library');
        }
        const key = (0, api_keys_1.generateApiKey)();
        const record = {
            id: this.ids.next(),
            role: request.role,
            library,
            label: request.label ?? null,
            createdAt: this.clock.now().toISOString(),
            createdBy: by.keyId,
            revokedAt: null,
        };
        await this.keys.insert(record, (0, api_keys_1.digestApiKey)(key));
        return { record, key };
    }
    list() {
        return this.keys.list();
    }
    /** Revokes the key, then lets what acts for it stop before answering. */
    async revoke(id) {
        const record = await this.keys.revoke(id, this.clock.now().toISOString());
        if (record)
            for (const listener of this.revocationListeners)
                await listener(record.id);
        return record;
    }
    /** Which of these key ids are revoked (the keys are few: one read of them all). */
    async revokedAmong(keyIds) {
        const wanted = new Set(keyIds);
        return new Set((await this.keys.list()).filter((record) => record.revokedAt !== null && wanted.has(record.id)).map((record) => record.id));
    }
    whenRevoked(listener) {
        this.revocationListeners.push(listener);
    }
    libraryOf(isil) {
        if (isil === undefined)
            throw new errors_1.InvalidValue('isil', 'a librarian key must name the ISIL of its library');
        return (0, isil_1.toIsil)(isil, 'isil');
    }
};
exports.AccessService = AccessService;
exports.AccessService = AccessService = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(api_key_store_port_1.API_KEY_STORE)),
    __param(1, (0, common_1.Inject)(clock_port_1.CLOCK)),
    __param(2, (0, common_1.Inject)(ids_port_1.IDS)),
    __metadata("design:paramtypes", [Object, Object, Object])
], AccessService);
//# sourceMappingURL=access.service.js.map