"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FEATURES = void 0;
const catalog_feature_1 = require("./http/catalog/catalog.feature");
const history_feature_1 = require("./http/history/history.feature");
const loans_feature_1 = require("./http/loans/loans.feature");
const partners_feature_1 = require("./http/partners/partners.feature");
const agreements_feature_1 = require("./http/agreements/agreements.feature");
const exchanges_feature_1 = require("./http/exchanges/exchanges.feature");
const rotations_feature_1 = require("./http/rotations/rotations.feature");
const claims_feature_1 = require("./http/claims/claims.feature");
const services_feature_1 = require("./http/services/services.feature");
const holdings_feature_1 = require("./http/holdings/holdings.feature");
const scheduler_feature_1 = require("./scheduler/scheduler.feature");
const ledger_feature_1 = require("./http/ledger/ledger.feature");
const fairness_feature_1 = require("./http/fairness/fairness.feature");
const dashboard_feature_1 = require("./http/dashboard/dashboard.feature");
const subscriptions_feature_1 = require("./http/subscriptions/subscriptions.feature");
const audit_feature_1 = require("./http/audit/audit.feature");
const iso18626_feature_1 = require("./http/iso18626/iso18626.feature");
/** Every form of cooperation the service serves. */
exports.FEATURES = [history_feature_1.historyFeature, catalog_feature_1.catalogFeature, loans_feature_1.loansFeature, partners_feature_1.partnersFeature, agreements_feature_1.agreementsFeature, exchanges_feature_1.exchangesFeature, rotations_feature_1.rotationsFeature, claims_feature_1.claimsFeature, services_feature_1.servicesFeature, holdings_feature_1.holdingsFeature, scheduler_feature_1.schedulerFeature, ledger_feature_1.ledgerFeature, fairness_feature_1.fairnessFeature, dashboard_feature_1.dashboardFeature, subscriptions_feature_1.subscriptionsFeature, audit_feature_1.auditFeature, iso18626_feature_1.iso18626Feature];
//# sourceMappingURL=features.js.map