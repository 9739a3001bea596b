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
exports.AuditController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const node_stream_1 = require("node:stream");
const node_zlib_1 = require("node:zlib");
const audit_service_1 = require("../../../application/audit/audit.service");
const roles_1 = require("../auth/roles");
const problem_1 = require("../problem/problem");
const audit_dto_1 = require("./audit.dto");
/**
 * Auditors and coordinators read everything here. Every key may fetch the
 * public keys (a partner checks a proof with them); subscribers, who follow
 * the log, may also take a signed head to detect a truncated log; librarians
 * are handed proofs rather than reading the log (ARCHITECTURE §7).
 */
const AUDITORS = ['coordinator', 'auditor'];
const windowOf = ({ from, to }) => {
    if (from !== undefined && to !== undefined && BigInt(from) > BigInt(to))
        throw new problem_1.BadInput([{ field: 'to', message: 'to must not be before from' }]);
    return { ...(from === undefined ? {} : { from: BigInt(from).toString() }), ...(to === undefined ? {} : { to: BigInt(to).toString() }) };
};
let AuditController = class AuditController {
    audit;
    constructor(audit) {
        this.audit = audit;
    }
    /** The public keys of every seal ever signed here, as a JWK set (RFC 7517), old keys kept after a rotation. */
    keys() {
        return { keys: this.audit.publicKeys() };
    }
    /** Recomputes every hash, chain, seal root and signature; answers the counts or the first mismatch. */
    verify(query) {
        const { headPosition, headHash } = query;
        if ((headPosition === undefined) !== (headHash === undefined)) {
            throw new problem_1.BadInput([{ field: headPosition === undefined ? 'headPosition' : 'headHash', message: 'headPosition and headHash come together' }]);
        }
        const head = headPosition === undefined ? undefined : { position: BigInt(headPosition).toString(), hash: headHash };
        return this.audit.verify(windowOf(query), head);
    }
    /** Every event and seal with its hashes, as NDJSON after a header line; gzip when the client accepts it. */
    export(query, acceptEncoding, reply) {
        const lines = this.audit.exportStream(windowOf(query));
        void reply.header('content-disposition', 'attachment; filename="ledger-export.ndjson"');
        if (!/\bgzip\b/.test(acceptEncoding ?? ''))
            return new common_1.StreamableFile(lines, { type: 'application/x-ndjson' });
        void reply.header('content-encoding', 'gzip').header('vary', 'accept-encoding');
        return new common_1.StreamableFile((0, node_stream_1.pipeline)(lines, (0, node_zlib_1.createGzip)(), () => undefined), { type: 'application/x-ndjson' });
    }
    /** The RFC 9162 audit path of one event to the Merkle root of its seal, with the signed seal and its key. */
    proof({ eventId }) {
        return this.audit.proof(eventId);
    }
    /** The newest event's position and hash, signed: keep it outside the ledger to detect a truncated log later. */
    head() {
        return this.audit.head();
    }
};
exports.AuditController = AuditController;
__decorate([
    (0, common_1.Get)('keys'),
    (0, roles_1.Roles)('coordinator', 'auditor', 'librarian', 'subscriber'),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], AuditController.prototype, "keys", null);
__decorate([
    (0, common_1.Get)('verify'),
    (0, roles_1.Roles)(...AUDITORS),
    __param(0, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [audit_dto_1.VerifyDto]),
    __metadata("design:returntype", void 0)
], AuditController.prototype, "verify", null);
__decorate([
    (0, common_1.Get)('export'),
    (0, roles_1.Roles)(...AUDITORS),
    (0, swagger_1.ApiProduces)('application/x-ndjson'),
    __param(0, (0, common_1.Query)()),
    __param(1, (0, common_1.Headers)('accept-encoding')),
    __param(2, (0, common_1.Res)({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [audit_dto_1.AuditWindowDto, Object, Object]),
    __metadata("design:returntype", void 0)
], AuditController.prototype, "export", null);
__decorate([
    (0, common_1.Get)('proof'),
    (0, roles_1.Roles)(...AUDITORS),
    __param(0, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [audit_dto_1.ProofDto]),
    __metadata("design:returntype", void 0)
], AuditController.prototype, "proof", null);
__decorate([
    (0, common_1.Get)('head'),
    (0, roles_1.Roles)(...AUDITORS, 'subscriber'),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], AuditController.prototype, "head", null);
exports.AuditController = AuditController = __decorate([
    (0, common_1.Controller)('v1/audit'),
    __metadata("design:paramtypes", [audit_service_1.AuditService])
], AuditController);
//# sourceMappingURL=audit.controller.js.map