import 'reflect-metadata';
import { ConsoleLogger, Module, type DynamicModule, type INestApplicationContext, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Database } from 'better-sqlite3';
import type { Pool } from 'pg';
import { claimsProjection } from '../../application/claims/claims.projection';
import { loansProjection } from '../../application/loans/loans.projection';
import { systemClock, type Clock } from '../../application/ports/clock.port';
import { EVENT_STORE, type EventStore } from '../../application/ports/event-store.port';
import { IDS, type IdSource } from '../../application/ports/ids.port';
import { READ_STORE, type ReadStore } from '../../application/ports/read-store.port';
import type { DocumentProjection } from '../../application/projections/projection';
import { projectionReport, storedStatuses, type ProjectionReport } from '../../application/projections/projection-report';
import { ProjectionRunner } from '../../application/projections/projection-runner';
import { Scheduler, type SchedulerRun } from '../../application/scheduler/scheduler';
import { readDayOrInstant } from '../../domain/shared/dates';
import { ConfigError, loadConfig, type AppConfig, type Env } from '../config/config';
import { DataDirInUse, holdDataDir } from '../data-dir-lock';
import { ALL_PROJECTIONS, storageProviders } from '../ledger.module';
import { PG_POOL, SQLITE_DATABASE } from '../tokens';
import { READ_MODEL_ELECTION, type LeaderElection } from '../../application/ports/leader-election.port';
import { MigrationUnfinished, TargetNotEmpty, migrateToPostgres } from './migrate.command';
import { AUDIT_COMMANDS, AUDIT_USAGE, BadJsonFile } from './audit.cli';
import { BackupRefused, backupDataDir } from './backup.command';
import { BadExportFile } from './export-file';

@Module({})
class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: CliModule, providers: storageProviders(config) };
  }
}

/**
 * What the storage logs while a command runs (a read model stuck in a
 * rebuild, say) goes to stderr, as JSON lines: stdout is the command's own
 * answer, for a script to read.
 */
class StderrLogger extends ConsoleLogger {
  protected override printMessages(messages: unknown[], context?: string, logLevel?: LogLevel, _stream?: 'stdout' | 'stderr', errorStack?: unknown): void {
    super.printMessages(messages, context, logLevel, 'stderr', errorStack);
  }
}

/**
 * Opens the same storage the service uses, runs `work`, and closes it again.
 * `exclusive` work takes the data directory to itself first, as the service
 * does (refused while a service or another such command holds it), and gives
 * it back once the storage is closed.
 */
export const withStorage = async <T>(
  config: AppConfig,
  work: (context: INestApplicationContext) => Promise<T>,
  { exclusive = false }: Readonly<{ exclusive?: boolean }> = {},
): Promise<T> => {
  const release = exclusive ? holdDataDir(config.dataDir) : () => undefined;
  try {
    const context = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: new StderrLogger({ logLevels: ['error', 'warn'], json: true }) });
    try {
      return await work(context);
    } finally {
      await context.get<EventStore>(EVENT_STORE).close();
      const db = context.get<Database | null>(SQLITE_DATABASE);
      if (db?.open) db.close();
      await context.get<Pool | null>(PG_POOL)?.end();
      await context.close();
    }
  } finally {
    release();
  }
};

/**
 * Drops every read model and folds the whole log again. It takes the data
 * directory as the service does, so it refuses (DataDirInUse) while a service
 * runs on it, and no service starts while it runs.
 */
export const rebuild = (config: AppConfig) =>
  withStorage(
    config,
    async (context) => {
      // Read models in PostgreSQL are shared: the rebuild takes the running instances' election, and refuses while one holds it.
      const election = context.get<LeaderElection>(READ_MODEL_ELECTION);
      try {
        const folding = await election.campaign('projections', { lead: async () => undefined, stepDown: async () => undefined });
        if (!folding.isLeader()) throw new ReadModelsInUse();
        const runner = context.get(ProjectionRunner);
        await runner.init();
        const started = process.hrtime.bigint();
        const events = await runner.rebuild();
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const { position, projections } = runner.status();
        return { events, seconds, position, stuck: projections.flatMap((projection) => (projection.stuckAt ? [projection.stuckAt] : [])) };
      } finally {
        await election.close();
      }
    },
    { exclusive: true },
  );

/** A service instance folds the shared read models: a rebuild beside it would fold them twice. */
export class ReadModelsInUse extends Error {
  constructor() {
    super('a service instance is folding the read models in PostgreSQL; stop every instance first');
    this.name = 'ReadModelsInUse';
  }
}

/**
 * `migrate --to postgres`: the embedded file's log copied into PostgreSQL,
 * then every read model rebuilt there from the copy, so the service started
 * with EVENT_STORE=postgres serves at once. With READ_STORE=sqlite the read
 * models stay in the file, valid as they are (the positions are the same).
 */
export const migrateToPostgresAndRebuild = async (env: Env) => {
  const target = loadConfig({ ...env, EVENT_STORE: 'postgres' });
  const copied = await migrateToPostgres(target);
  const rebuilt = target.readStore === 'postgres' ? await rebuild(target) : null;
  return { copied, rebuilt };
};

/** `schedule --now` names an instant the clock has not reached: the facts it would record have not happened. */
export class InstantAhead extends Error {
  constructor(now: Date, clock: Date) {
    super(`--now ${now.toISOString()} is ahead of the clock (${clock.toISOString()}); overdue loans and expired claims are recorded only once they happen`);
    this.name = 'InstantAhead';
  }
}

/** `projections retry|skip` named a read model that does not exist, or an event it is not stuck at. */
export class NothingSetAside extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NothingSetAside';
  }
}

/** Each read model as the read store has it: checkpoint, head, lag, state and the events set aside. */
export const listProjections = (config: AppConfig) =>
  withStorage(config, async (context) => {
    const reads = context.get<ReadStore>(READ_STORE);
    return projectionReport(context.get<EventStore>(EVENT_STORE), reads, await storedStatuses(reads, ALL_PROJECTIONS));
  });

const knownProjection = (name: string): void => {
  if (!ALL_PROJECTIONS.some((projection) => projection.name === name)) {
    throw new NothingSetAside(`there is no read model ${name}; they are ${ALL_PROJECTIONS.map((p) => p.name).join(', ')}`);
  }
};

/** Lets a stuck read model fold its set-aside event again (after a fix); the running service notices within seconds. */
export const retryProjection = (config: AppConfig, name: string) =>
  withStorage(config, async (context) => {
    knownProjection(name);
    if (!(await context.get<ReadStore>(READ_STORE).retrySetAside(name))) throw new NothingSetAside(`${name} is not stuck`);
  });

/** Lets a stuck read model go on without the event it is stuck at, now and in every rebuild. */
export const skipProjectionEvent = (config: AppConfig, name: string, position: string) =>
  withStorage(config, async (context) => {
    knownProjection(name);
    if (!(await context.get<ReadStore>(READ_STORE).skipSetAside(name, position))) {
      throw new NothingSetAside(`${name} is not stuck at position ${position}`);
    }
  });

/**
 * One scheduler run, as the service runs it on its interval: safe beside a
 * running service or another run, since each fact is recorded once whoever
 * gets there first. It finds its work in the read models the service keeps
 * (and never writes them); `behind` says how many events they have yet to fold.
 */
export const schedule = async (config: AppConfig, now?: Date, clock: Clock = systemClock) => {
  if (now !== undefined && now.getTime() > clock.now().getTime()) throw new InstantAhead(now, clock.now());
  return withStorage(config, async (context): Promise<SchedulerRun & { behind: boolean }> => {
    const store = context.get<EventStore>(EVENT_STORE);
    const reads = context.get<ReadStore>(READ_STORE);
    let behind = false;
    const head = await store.headPosition();
    for (const projection of [loansProjection, claimsProjection] as DocumentProjection[]) {
      await reads.prepare(projection);
      const { position } = await reads.checkpoint(projection.name);
      if (head !== null && (position === null || BigInt(position) < BigInt(head))) behind = true;
    }
    const at: Clock = now ? { now: () => now } : clock;
    const run = await new Scheduler({ store, clock: at, ids: context.get<IdSource>(IDS) }, reads).run();
    return { ...run, behind };
  });
};

const USAGE = `usage: npm run cli -- <command>

commands:
  rebuild                          drop every read model and rebuild it from the event log (refused while the service runs)
  schedule [--now ISO]             record overdue loans and expired claims once (as of --now, not ahead of the clock;
                                   default the current time)
  projections                      list each read model: checkpoint, head, lag, state and the events it set aside
  projections retry NAME           let a stuck read model fold its set-aside event again (after a fix)
  projections skip NAME POSITION   let a stuck read model go on without the event at POSITION
  backup DIRECTORY                 copy the data directory into a new, empty DIRECTORY, safe while the service runs:
                                   the embedded file by SQLite's online backup, and the key files beside it
  migrate --to postgres            copy the embedded file's event log into an empty PostgreSQL store (DATABASE_URL,
                                   LEDGER_PG_SCHEMA) with the same positions, ids and hashes, then rebuild the read
                                   models there (unless READ_STORE=sqlite); stop the service first
${AUDIT_USAGE}`;

/**
 * `--now 2025-06-02T00:00:00Z` (or a plain date) for the schedule command,
 * read as strictly as the API reads an instant; undefined when absent.
 */
export const nowOption = (args: readonly string[]): Date | undefined | 'invalid' => {
  const at = args.indexOf('--now');
  if (at < 0) return undefined;
  const instant = readDayOrInstant(args[at + 1]);
  return instant === null ? 'invalid' : new Date(instant);
};

const printProjections = (reports: readonly ProjectionReport[]): void => {
  const rows = reports.map((r) => [r.name, String(r.version), r.position ?? '-', r.head ?? '-', String(r.lag), r.state]);
  const header = ['read model', 'version', 'position', 'head', 'lag', 'state'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells: readonly string[]) => `${cells.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()}\n`;
  process.stdout.write(line(header));
  for (const [i, row] of rows.entries()) {
    process.stdout.write(line(row));
    for (const e of reports[i].setAside) {
      process.stdout.write(`  ${e.resolution} at ${e.position}: ${e.type} ${e.eventId} (${e.setAsideAt}): ${e.error}\n`);
    }
  }
};

const projectionsCommand = async (args: readonly string[]): Promise<number> => {
  const [action, name, position] = args;
  if (action === undefined) {
    printProjections(await listProjections(loadConfig()));
    return 0;
  }
  if (action === 'retry' && name !== undefined && position === undefined) {
    await retryProjection(loadConfig(), name);
    process.stdout.write(`${name} will fold its set-aside event again; a running service resumes it within seconds\n`);
    return 0;
  }
  if (action === 'skip' && name !== undefined && position !== undefined && /^\d+$/.test(position)) {
    await skipProjectionEvent(loadConfig(), name, position);
    process.stdout.write(`${name} goes on without the event at ${position}; a running service resumes it within seconds\n`);
    return 0;
  }
  process.stderr.write(USAGE);
  return 64;
};

/** Refusals the user can act on: a message and exit status 1, no stack. */
const REFUSALS = [BackupRefused, DataDirInUse, ReadModelsInUse, InstantAhead, NothingSetAside, TargetNotEmpty, MigrationUnfinished, BadExportFile, BadJsonFile];

/** A file the user named that cannot be read (missing, a directory, not theirs): as much a refusal. */
const unreadableFile = (error: unknown): boolean =>
  error instanceof Error && 'path' in error && ['ENOENT', 'EISDIR', 'EACCES', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '');

export const main = async (argv: readonly string[]): Promise<number> => {
  const [command] = argv;
  const audit = command !== undefined && Object.hasOwn(AUDIT_COMMANDS, command) ? AUDIT_COMMANDS[command] : undefined;
  if (audit) return audit(argv.slice(1), { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) });
  if (command === 'projections') return projectionsCommand(argv.slice(1));
  if (command === 'rebuild') {
    const { events, seconds, position, stuck } = await rebuild(loadConfig());
    process.stdout.write(`rebuilt read models from ${events} events in ${seconds.toFixed(2)} s (position ${position ?? 'none'})\n`);
    // Not the whole rebuild, then: said, and a failure for a script to see.
    for (const e of stuck) {
      process.stderr.write(`${e.projection} is stuck at position ${e.position}: ${e.type} ${e.eventId}: ${e.error} (npm run cli -- projections retry|skip)\n`);
    }
    return stuck.length === 0 ? 0 : 1;
  }
  if (command === 'schedule') {
    const now = nowOption(argv.slice(1));
    if (now === 'invalid') {
      process.stderr.write(`--now must be a date (YYYY-MM-DD) or an ISO 8601 instant with a zone, e.g. 2025-06-02T00:00:00Z\n${USAGE}`);
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
  if (command === 'backup') {
    if (argv[1] === undefined || argv[1].startsWith('--') || argv.length > 2) {
      process.stderr.write(`backup needs the directory to back up into\n${USAGE}`);
      return 64;
    }
    const { directory, bytes, files, seconds } = await backupDataDir(loadConfig(), argv[1]);
    process.stdout.write(`backed up ${files.join(', ')} (${bytes} bytes) into ${directory} in ${seconds.toFixed(2)} s\n`);
    return 0;
  }
  if (command === 'migrate') {
    if (argv[1] !== '--to' || argv[2] !== 'postgres') {
      process.stderr.write(`migrate needs --to postgres\n${USAGE}`);
      return 64;
    }
    const { copied, rebuilt } = await migrateToPostgresAndRebuild(process.env);
    process.stdout.write(`copied ${copied.events} events to PostgreSQL in ${copied.seconds.toFixed(2)} s (position ${copied.head ?? 'none'}); every chain verified\n`);
    process.stdout.write(`copied ${copied.shared.apiKeys} API keys, ${copied.shared.idempotencyAnswers} Idempotency-Key answers and ${copied.shared.webhooks} webhooks\n`);
    if (rebuilt === null) process.stdout.write('READ_STORE=sqlite: the read models in the data directory stay as they are (same positions)\n');
    else process.stdout.write(`rebuilt read models in PostgreSQL from ${rebuilt.events} events in ${rebuilt.seconds.toFixed(2)} s\n`);
    return 0;
  }
  process.stderr.write(USAGE);
  return command === undefined || command === 'help' || command === '--help' ? 0 : 64;
};

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      const refused = REFUSALS.some((kind) => error instanceof kind) || unreadableFile(error);
      const message =
        error instanceof ConfigError
          ? `bad setting ${error.message}`
          : error instanceof Error
            ? refused ? error.message : error.stack
            : String(error);
      process.stderr.write(`resource-sharing-ledger: ${message}\n`);
      process.exit(error instanceof ConfigError ? 78 : 1);
    },
  );
}
