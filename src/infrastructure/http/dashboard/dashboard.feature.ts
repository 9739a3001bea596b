import { Module } from '@nestjs/common';
import { DASHBOARD_HANDLERS } from '../../../application/dashboard/dashboard.handlers';
import type { Feature } from '../../feature';
import { FairnessModule } from '../fairness/fairness.feature';
import { LedgerFeatureModule } from '../ledger/ledger.feature';
import { DashboardController } from './dashboard.controller';

@Module({
  imports: [LedgerFeatureModule, FairnessModule],
  controllers: [DashboardController],
  providers: [...DASHBOARD_HANDLERS],
})
export class DashboardModule {}

/** The coordinator's dashboard: its two queries here, its page served by serveDashboard. It keeps no read model of its own. */
export const dashboardFeature: Feature = { module: DashboardModule, projections: [] };
