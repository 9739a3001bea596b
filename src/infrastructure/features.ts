import type { Feature } from './feature';
import { catalogFeature } from './http/catalog/catalog.feature';
import { historyFeature } from './http/history/history.feature';
import { loansFeature } from './http/loans/loans.feature';
import { partnersFeature } from './http/partners/partners.feature';
import { agreementsFeature } from './http/agreements/agreements.feature';
import { exchangesFeature } from './http/exchanges/exchanges.feature';
import { rotationsFeature } from './http/rotations/rotations.feature';
import { claimsFeature } from './http/claims/claims.feature';
import { servicesFeature } from './http/services/services.feature';
import { holdingsFeature } from './http/holdings/holdings.feature';
import { schedulerFeature } from './scheduler/scheduler.feature';
import { ledgerFeature } from './http/ledger/ledger.feature';
import { fairnessFeature } from './http/fairness/fairness.feature';
import { dashboardFeature } from './http/dashboard/dashboard.feature';
import { subscriptionsFeature } from './http/subscriptions/subscriptions.feature';
import { auditFeature } from './http/audit/audit.feature';
import { iso18626Feature } from './http/iso18626/iso18626.feature';

/** Every form of cooperation the service serves. */
export const FEATURES: readonly Feature[] = [historyFeature, catalogFeature, loansFeature, partnersFeature, agreementsFeature, exchangesFeature, rotationsFeature, claimsFeature, servicesFeature, holdingsFeature, schedulerFeature, ledgerFeature, fairnessFeature, dashboardFeature, subscriptionsFeature, auditFeature, iso18626Feature];
