"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.dashboardFeature = exports.DashboardModule = void 0;
const common_1 = require("@nestjs/common");
const dashboard_handlers_1 = require("../../../application/dashboard/dashboard.handlers");
const fairness_feature_1 = require("../fairness/fairness.feature");
const ledger_feature_1 = require("../ledger/ledger.feature");
const dashboard_controller_1 = require("./dashboard.controller");
let DashboardModule = class DashboardModule {
};
exports.DashboardModule = DashboardModule;
exports.DashboardModule = DashboardModule = __decorate([
    (0, common_1.Module)({
        imports: [ledger_feature_1.LedgerFeatureModule, fairness_feature_1.FairnessModule],
        controllers: [dashboard_controller_1.DashboardController],
        providers: [...dashboard_handlers_1.DASHBOARD_HANDLERS],
    })
], DashboardModule);
/** The coordinator's dashboard: its two queries here, its page served by serveDashboard. It keeps no read model of its own. */
exports.dashboardFeature = { module: DashboardModule, projections: [] };
//# sourceMappingURL=dashboard.feature.js.map