import { catalogRows } from './catalog.rows';
import { coreRows } from './core.rows';
import { historyRows } from './history.rows';
import { loanRows } from './loans.rows';
import { partnerRows } from './partners.rows';
import { agreementRows } from './agreements.rows';
import { exchangeRows } from './exchanges.rows';
import { rotationRows } from './rotations.rows';
import { claimRows } from './claims.rows';
import { serviceRows } from './services.rows';
import { holdingsRows } from './holdings.rows';
import { ledgerRows } from './ledger.rows';
import { fairnessRows } from './fairness.rows';
import { projectionRows } from './projections.rows';
import { dashboardRows } from './dashboard.rows';
import { auditRows } from './audit.rows';
import type { Row } from './permission-table';
import { subscriptionRows } from './subscriptions.rows';
import { iso18626Rows } from './iso18626.rows';

/** One file of rows per feature; every declared route must appear in exactly one. */
export const ALL_ROWS: readonly Row[] = [...coreRows, ...catalogRows, ...historyRows, ...loanRows, ...partnerRows, ...agreementRows, ...exchangeRows, ...rotationRows, ...claimRows, ...serviceRows, ...holdingsRows, ...ledgerRows, ...fairnessRows, ...projectionRows, ...dashboardRows, ...subscriptionRows, ...auditRows, ...iso18626Rows];
