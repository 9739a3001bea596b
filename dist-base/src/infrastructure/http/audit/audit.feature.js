"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.auditFeature = exports.AuditModule = void 0;
const common_1 = require("@nestjs/common");
const audit_service_1 = require("../../../application/audit/audit.service");
const log_reader_1 = require("../../../application/audit/log-reader");
const seal_signature_1 = require("../../../application/audit/seal-signature");
const sealer_1 = require("../../../application/audit/sealer");
const sealer_lifecycle_1 = require("../../../application/audit/sealer.lifecycle");
const clock_port_1 = require("../../../application/ports/clock.port");
const event_store_port_1 = require("../../../application/ports/event-store.port");
const ids_port_1 = require("../../../application/ports/ids.port");
const seal_keys_file_1 = require("../../audit/seal-keys.file");
const sqlite_audit_log_1 = require("../../audit/sqlite-audit-log");
const tokens_1 = require("../../tokens");
const audit_controller_1 = require("./audit.controller");
let AuditModule = class AuditModule {
};
exports.AuditModule = AuditModule;
exports.AuditModule = AuditModule = __decorate([
    (0, common_1.Module)({
        controllers: [audit_controller_1.AuditController],
        providers: [
            { provide: seal_signature_1.SEAL_KEYS, useFactory: (config) => (0, seal_keys_file_1.loadSealKeys)(config), inject: [tokens_1.APP_CONFIG] },
            {
                // The embedded file is read as stored; another store through its port.
                provide: log_reader_1.AUDIT_LOG,
                useFactory: (config, db, store) => (config.eventStore === 'sqlite' ? (0, sqlite_audit_log_1.sqliteAuditLog)(db) : (0, log_reader_1.storeAuditLog)(store)),
                inject: [tokens_1.APP_CONFIG, tokens_1.SQLITE_DATABASE, event_store_port_1.EVENT_STORE],
            },
            {
                provide: sealer_1.Sealer,
                useFactory: (store, log, clock, ids, keys, config) => new sealer_1.Sealer({ store, log, clock, ids, keys }, config.sealEveryEvents),
                inject: [event_store_port_1.EVENT_STORE, log_reader_1.AUDIT_LOG, clock_port_1.CLOCK, ids_port_1.IDS, seal_signature_1.SEAL_KEYS, tokens_1.APP_CONFIG],
            },
            { provide: sealer_lifecycle_1.SEAL_SCHEDULE, useFactory: (config) => ({ everyEvents: config.sealEveryEvents, intervalSeconds: config.sealIntervalSeconds }), inject: [tokens_1.APP_CONFIG] },
            sealer_lifecycle_1.SealerLifecycle,
            audit_service_1.AuditService,
        ],
    })
], AuditModule);
/** Seals, verification, export, proofs and signed heads. LedgerSealed feeds no read model. */
exports.auditFeature = { module: AuditModule, projections: [] };
//# sourceMappingURL=audit.feature.js.map