"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ledgerFeature = exports.LedgerFeatureModule = void 0;
const common_1 = require("@nestjs/common");
const balance_handlers_1 = require("../../../application/ledger/balance.handlers");
const postings_projection_1 = require("../../../application/ledger/postings.projection");
const balances_port_1 = require("../../../application/ports/balances.port");
const read_store_factory_1 = require("../../read-store/read-store.factory");
const tokens_1 = require("../../tokens");
const balances_controller_1 = require("./balances.controller");
let LedgerFeatureModule = class LedgerFeatureModule {
};
exports.LedgerFeatureModule = LedgerFeatureModule;
exports.LedgerFeatureModule = LedgerFeatureModule = __decorate([
    (0, common_1.Module)({
        controllers: [balances_controller_1.BalancesController],
        providers: [
            {
                provide: balances_port_1.BALANCES,
                useFactory: (config, db, pool) => (0, read_store_factory_1.createBalances)(config, db, pool),
                inject: [tokens_1.APP_CONFIG, tokens_1.SQLITE_DATABASE, tokens_1.PG_POOL],
            },
            ...balance_handlers_1.BALANCE_HANDLERS,
        ],
        exports: [balances_port_1.BALANCES],
    })
], LedgerFeatureModule);
/**
 * The double-entry ledger: the postings read model and the balances over it.
 * Feature.projections is typed for document read models only; the runner
 * takes any Projection and tells rows from documents by `kind`, hence the cast.
 */
exports.ledgerFeature = { module: LedgerFeatureModule, projections: [postings_projection_1.postingsProjection] };
//# sourceMappingURL=ledger.feature.js.map