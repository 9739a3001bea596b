import { Module } from '@nestjs/common';
import { CommandDepsProvider } from '../../application/commands/command-deps.provider';
import { READ_STORE, type ReadStore } from '../../application/ports/read-store.port';
import { Scheduler } from '../../application/scheduler/scheduler';
import { SCHEDULER_INTERVAL_SECONDS, SchedulerLifecycle } from '../../application/scheduler/scheduler.lifecycle';
import type { AppConfig } from '../config/config';
import type { Feature } from '../feature';
import { APP_CONFIG } from '../tokens';

/** Time-driven facts (overdue loans, expired claims), recorded on an interval by the service itself. */
@Module({
  providers: [
    { provide: Scheduler, useFactory: (deps: CommandDepsProvider, reads: ReadStore) => new Scheduler(deps, reads), inject: [CommandDepsProvider, READ_STORE] },
    { provide: SCHEDULER_INTERVAL_SECONDS, useFactory: (config: AppConfig) => config.schedulerIntervalSeconds, inject: [APP_CONFIG] },
    SchedulerLifecycle,
  ],
  exports: [Scheduler],
})
export class SchedulerModule {}

/** Reads the loans and claims read models, which their own features keep. */
export const schedulerFeature: Feature = { module: SchedulerModule, projections: [] };
