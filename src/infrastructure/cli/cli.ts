import 'reflect-metadata';
import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Database } from 'better-sqlite3';
import { claimsProjection } from '../../application/claims/claims.projection';
import { loansProjection } from '../../application/loans/loans.projection';
import { CLOCK, type Clock } from '../../application/ports/clock.port';
import { EVENT_STORE, type EventStore } from '../../application/ports/event-store.port';
import { IDS, type IdSource } from '../../application/ports/ids.port';
import { READ_STORE, type ReadStore } from '../../application/ports/read-store.port';
import type { DocumentProjection } from '../../application/projections/projection';
import { ProjectionRunner } from '../../application/projections/projection-runner';
import { Scheduler, type SchedulerRun } from '../../application/scheduler/scheduler';
import { ConfigError, loadConfig, type AppConfig } from '../config/config';
import { storageProviders } from '../ledger.module';
import { SQLITE_DATABASE } from '../tokens';
import { migrateToPostgres } from './migrate.command';

@Module({})
class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: CliModule, providers: storageProviders(config) };
  }
}

/** Opens the same storage the service uses, runs `work`, and closes it again. */
export const withStorage = async <T>(config: AppConfig, work: (context: INestApplicationContext) => Promise<T>): Promise<T> => {
  const context = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    return await work(context);
  } finally {
    await context.get<EventStore>(EVENT_STORE).close();
    const db = context.get<Database>(SQLITE_DATABASE);
    if (db.open) db.close();
    await context.close();
  }
};

/** Drops every read model and folds the whole log again. Run it while the service is stopped. */
export const rebuild = (config: AppConfig) =>
  withStorage(config, async (context) => {
    const runner = context.get(ProjectionRunner);
    await runner.init();
    const started = process.hrtime.bigint();
    const events = await runner.rebuild();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { events, seconds, position: runner.status().position };
  });

/**
 * One scheduler run, as the service runs it on its interval: safe beside a
 * running service or another run, since each fact is recorded once whoever
 * gets there first. It finds its work in the read models the service keeps
 * (and never writes them); `behind` says how many events they have yet to fold.
 */
export const schedule = (config: AppConfig, now?: Date) =>
  withStorage(config, async (context): Promise<SchedulerRun & { behind: boolean }> => {
    const store = context.get<EventStore>(EVENT_STORE);
    const reads = context.get<ReadStore>(READ_STORE);
    let behind = false;
    const head = await store.headPosition();
    for (const projection of [loansProjection, claimsProjection] as DocumentProjection[]) {
      await reads.prepare(projection);
      const { position } = await reads.checkpoint(projection.name);
      if (head !== null && (position === null || BigInt(position) < BigInt(head))) behind = true;
    }
    const clock: Clock = now ? { now: () => now } : context.get<Clock>(CLOCK);
    const run = await new Scheduler({ store, clock, ids: context.get<IdSource>(IDS) }, reads).run();
    return { ...run, behind };
  });

const USAGE = `usage: npm run cli -- <command>

commands:
  rebuild                 drop every read model and rebuild it from the event log (stop the service first)
  schedule [--now ISO]    record overdue loans and expired claims once (as of --now, default the current time)
  migrate --to postgres   copy the embedded file's event log into an empty PostgreSQL store (DATABASE_URL),
                          with the same positions, ids and hashes (stop the service first)
`;

/** `--now 2025-06-02T00:00:00Z` (or a plain date) for the schedule command; undefined when absent. */
const nowOption = (args: readonly string[]): Date | undefined | 'invalid' => {
  const at = args.indexOf('--now');
  if (at < 0) return undefined;
  const value = args[at + 1];
  const date = value === undefined ? new Date(NaN) : new Date(value);
  return Number.isNaN(date.getTime()) ? 'invalid' : date;
};

const main = async (argv: readonly string[]): Promise<number> => {
  const [command] = argv;
  if (command === 'rebuild') {
    const { events, seconds, position } = await rebuild(loadConfig());
    process.stdout.write(`rebuilt read models from ${events} events in ${seconds.toFixed(2)} s (position ${position ?? 'none'})\n`);
    return 0;
  }
  if (command === 'schedule') {
    const now = nowOption(argv.slice(1));
    if (now === 'invalid') {
      process.stderr.write(`--now must be an ISO 8601 instant, e.g. 2025-06-02T00:00:00Z\n${USAGE}`);
      return 64;
    }
    const run = await schedule(loadConfig(), now);
    if (run.behind) process.stderr.write('warning: the read models are behind the event log; start the service to let them catch up\n');
    process.stdout.write(
      `as of ${run.at}: ${run.loansMarkedOverdue.length} loans marked overdue, ${run.claimsExpired.length} claims expired, ` +
        `${run.skipped.length} skipped\n`,
    );
    for (const skipped of run.skipped) process.stdout.write(`  skipped ${skipped.streamId}: ${skipped.code}\n`);
    return 0;
  }
  if (command === 'migrate') {
    if (argv[1] !== '--to' || argv[2] !== 'postgres') {
      process.stderr.write(`migrate needs --to postgres\n${USAGE}`);
      return 64;
    }
    const { events, head, seconds } = await migrateToPostgres(loadConfig());
    process.stdout.write(`copied ${events} events to PostgreSQL in ${seconds.toFixed(2)} s (position ${head ?? 'none'}); every chain verified\n`);
    return 0;
  }
  process.stderr.write(USAGE);
  return command === undefined || command === 'help' || command === '--help' ? 0 : 64;
};

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      const message = error instanceof ConfigError ? `bad setting ${error.message}` : error instanceof Error ? error.stack : String(error);
      process.stderr.write(`resource-sharing-ledger: ${message}\n`);
      process.exit(error instanceof ConfigError ? 78 : 1);
    },
  );
}
