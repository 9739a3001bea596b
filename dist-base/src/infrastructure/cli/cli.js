"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var CliModule_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.main = exports.nowOption = exports.schedule = exports.skipProjectionEvent = exports.retryProjection = exports.listProjections = exports.NothingSetAside = exports.InstantAhead = exports.migrateToPostgresAndRebuild = exports.ReadModelsInUse = exports.rebuild = exports.withStorage = void 0;
require("reflect-metadata");
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const claims_projection_1 = require("../../application/claims/claims.projection");
const loans_projection_1 = require("../../application/loans/loans.projection");
const clock_port_1 = require("../../application/ports/clock.port");
const event_store_port_1 = require("../../application/ports/event-store.port");
const ids_port_1 = require("../../application/ports/ids.port");
const read_store_port_1 = require("../../application/ports/read-store.port");
const projection_report_1 = require("../../application/projections/projection-report");
const projection_runner_1 = require("../../application/projections/projection-runner");
const scheduler_1 = require("../../application/scheduler/scheduler");
const dates_1 = require("../../domain/shared/dates");
const config_1 = require("../config/config");
const data_dir_lock_1 = require("../data-dir-lock");
const ledger_module_1 = require("../ledger.module");
const tokens_1 = require("../tokens");
const leader_election_port_1 = require("../../application/ports/leader-election.port");
const migrate_command_1 = require("./migrate.command");
const audit_cli_1 = require("./audit.cli");
let CliModule = CliModule_1 = class CliModule {
    static forRoot(config) {
        return { module: CliModule_1, providers: (0, ledger_module_1.storageProviders)(config) };
    }
};
CliModule = CliModule_1 = __decorate([
    (0, common_1.Module)({})
], CliModule);
/** Opens the same storage the service uses, runs `work`, and closes it again. */
const withStorage = async (config, work) => {
    const context = await core_1.NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: ['error', 'warn'] });
    try {
        return await work(context);
    }
    finally {
        await context.get(event_store_port_1.EVENT_STORE).close();
        const db = context.get(tokens_1.SQLITE_DATABASE);
        if (db.open)
            db.close();
        await context.get(tokens_1.PG_POOL)?.end();
        await context.close();
    }
};
exports.withStorage = withStorage;
/**
 * Drops every read model and folds the whole log again. It takes the data
 * directory as the service does, so it refuses (DataDirInUse) while a service
 * runs on it, and no service starts while it runs.
 */
const rebuild = (config) => (0, exports.withStorage)(config, async (context) => {
    const release = (0, data_dir_lock_1.holdDataDir)(config.dataDir);
    // Read models in PostgreSQL are shared: the rebuild takes the running instances' election, and refuses while one holds it.
    const election = context.get(leader_election_port_1.READ_MODEL_ELECTION);
    try {
        const folding = await election.campaign('projections', { lead: async () => undefined, stepDown: async () => undefined });
        if (!folding.isLeader())
            throw new ReadModelsInUse();
        const runner = context.get(projection_runner_1.ProjectionRunner);
        await runner.init();
        const started = process.hrtime.bigint();
        const events = await runner.rebuild();
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        return { events, seconds, position: runner.status().position };
    }
    finally {
        await election.close();
        release();
    }
});
exports.rebuild = rebuild;
/** A service instance folds the shared read models: a rebuild beside it would fold them twice. */
class ReadModelsInUse extends Error {
    constructor() {
        super('a service instance is folding the read models in PostgreSQL; stop every instance first');
        this.name = 'ReadModelsInUse';
    }
}
exports.ReadModelsInUse = ReadModelsInUse;
/**
 * `migrate --to postgres`: the embedded file's log copied into PostgreSQL,
 * then every read model rebuilt there from the copy, so the service started
 * with EVENT_STORE=postgres serves at once. With READ_STORE=sqlite the read
 * models stay in the file, valid as they are (the positions are the same).
 */
const migrateToPostgresAndRebuild = async (env) => {
    const target = (0, config_1.loadConfig)({ ...env, EVENT_STORE: 'postgres' });
    const copied = await (0, migrate_command_1.migrateToPostgres)(target);
    const rebuilt = target.readStore === 'postgres' ? await (0, exports.rebuild)(target) : null;
    return { copied, rebuilt };
};
exports.migrateToPostgresAndRebuild = migrateToPostgresAndRebuild;
/** `schedule --now` names an instant the clock has not reached: the facts it would record have not happened. */
class InstantAhead extends Error {
    constructor(now, clock) {
        super(`--now ${now.toISOString()} is ahead of the clock (${clock.toISOString()}); overdue loans and expired claims are recorded only once they happen`);
        this.name = 'InstantAhead';
    }
}
exports.InstantAhead = InstantAhead;
/** `projections retry|skip` named a read model that does not exist, or an event it is not stuck at. */
class NothingSetAside extends Error {
    constructor(message) {
        super(message);
        this.name = 'NothingSetAside';
    }
}
exports.NothingSetAside = NothingSetAside;
/** Each read model as the read store has it: checkpoint, head, lag, state and the events set aside. */
const listProjections = (config) => (0, exports.withStorage)(config, async (context) => {
    const reads = context.get(read_store_port_1.READ_STORE);
    return (0, projection_report_1.projectionReport)(context.get(event_store_port_1.EVENT_STORE), reads, await (0, projection_report_1.storedStatuses)(reads, ledger_module_1.ALL_PROJECTIONS));
});
exports.listProjections = listProjections;
const knownProjection = (name) => {
    if (!ledger_module_1.ALL_PROJECTIONS.some((projection) => projection.name === name)) {
        throw new NothingSetAside(`there is no read model ${name}; they are ${ledger_module_1.ALL_PROJECTIONS.map((p) => p.name).join(', ')}`);
    }
};
/** Lets a stuck read model fold its set-aside event again (after a fix); the running service notices within seconds. */
const retryProjection = (config, name) => (0, exports.withStorage)(config, async (context) => {
    knownProjection(name);
    if (!(await context.get(read_store_port_1.READ_STORE).retrySetAside(name)))
        throw new NothingSetAside(`${name} is not stuck`);
});
exports.retryProjection = retryProjection;
/** Lets a stuck read model go on without the event it is stuck at, now and in every rebuild. */
const skipProjectionEvent = (config, name, position) => (0, exports.withStorage)(config, async (context) => {
    knownProjection(name);
    if (!(await context.get(read_store_port_1.READ_STORE).skipSetAside(name, position))) {
        throw new NothingSetAside(`${name} is not stuck at position ${position}`);
    }
});
exports.skipProjectionEvent = skipProjectionEvent;
/**
 * One scheduler run, as the service runs it on its interval: safe beside a
 * running service or another run, since each fact is recorded once whoever
 * gets there first. It finds its work in the read models the service keeps
 * (and never writes them); `behind` says how many events they have yet to fold.
 */
const schedule = async (config, now, clock = clock_port_1.systemClock) => {
    if (now !== undefined && now.getTime() > clock.now().getTime())
        throw new InstantAhead(now, clock.now());
    return (0, exports.withStorage)(config, async (context) => {
        const store = context.get(event_store_port_1.EVENT_STORE);
        const reads = context.get(read_store_port_1.READ_STORE);
        let behind = false;
        const head = await store.headPosition();
        for (const projection of [loans_projection_1.loansProjection, claims_projection_1.claimsProjection]) {
            await reads.prepare(projection);
            const { position } = await reads.checkpoint(projection.name);
            if (head !== null && (position === null || BigInt(position) < BigInt(head)))
                behind = true;
        }
        const at = now ? { now: () => now } : clock;
        const run = await new scheduler_1.Scheduler({ store, clock: at, ids: context.get(ids_port_1.IDS) }, reads).run();
        return { ...run, behind };
    });
};
exports.schedule = schedule;
const USAGE = `usage: npm run cli -- <command>

commands:
  rebuild                          drop every read model and rebuild it from the event log (refused while the service runs)
  schedule [--now ISO]             record overdue loans and expired claims once (as of --now, not ahead of the clock;
                                   default the current time)
  projections                      list each read model: checkpoint, head, lag, state and the events it set aside
  projections retry NAME           let a stuck read model fold its set-aside event again (after a fix)
  projections skip NAME POSITION   let a stuck read model go on without the event at POSITION
  migrate --to postgres            copy the embedded file's event log into an empty PostgreSQL store (DATABASE_URL,
                                   LEDGER_PG_SCHEMA) with the same positions, ids and hashes, then rebuild the read
                                   models there (unless READ_STORE=sqlite); stop the service first
${audit_cli_1.AUDIT_USAGE}`;
/**
 * `--now 2025-06-02T00:00:00Z` (or a plain date) for the schedule command,
 * read as strictly as the API reads an instant; undefined when absent.
 */
const nowOption = (args) => {
    const at = args.indexOf('--now');
    if (at < 0)
        return undefined;
    const instant = (0, dates_1.readDayOrInstant)(args[at + 1]);
    return instant === null ? 'invalid' : new Date(instant);
};
exports.nowOption = nowOption;
const printProjections = (reports) => {
    const rows = reports.map((r) => [r.name, String(r.version), r.position ?? '-', r.head ?? '-', String(r.lag), r.state]);
    const header = ['read model', 'version', 'position', 'head', 'lag', 'state'];
    const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
    const line = (cells) => `${cells.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()}\n`;
    process.stdout.write(line(header));
    for (const [i, row] of rows.entries()) {
        process.stdout.write(line(row));
        for (const e of reports[i].setAside) {
            process.stdout.write(`  ${e.resolution} at ${e.position}: ${e.type} ${e.eventId} (${e.setAsideAt}): ${e.error}\n`);
        }
    }
};
const projectionsCommand = async (args) => {
    const [action, name, position] = args;
    if (action === undefined) {
        printProjections(await (0, exports.listProjections)((0, config_1.loadConfig)()));
        return 0;
    }
    if (action === 'retry' && name !== undefined && position === undefined) {
        await (0, exports.retryProjection)((0, config_1.loadConfig)(), name);
        process.stdout.write(`${name} will fold its set-aside event again; a running service resumes it within seconds\n`);
        return 0;
    }
    if (action === 'skip' && name !== undefined && position !== undefined && /^\d+$/.test(position)) {
        await (0, exports.skipProjectionEvent)((0, config_1.loadConfig)(), name, position);
        process.stdout.write(`${name} goes on without the event at ${position}; a running service resumes it within seconds\n`);
        return 0;
    }
    process.stderr.write(USAGE);
    return 64;
};
/** Refusals the user can act on: a message and exit status 1, no stack. */
const REFUSALS = [data_dir_lock_1.DataDirInUse, ReadModelsInUse, InstantAhead, NothingSetAside];
const main = async (argv) => {
    const [command] = argv;
    const audit = command !== undefined && Object.hasOwn(audit_cli_1.AUDIT_COMMANDS, command) ? audit_cli_1.AUDIT_COMMANDS[command] : undefined;
    if (audit)
        return audit(argv.slice(1), { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) });
    if (command === 'projections')
        return projectionsCommand(argv.slice(1));
    if (command === 'rebuild') {
        const { events, seconds, position } = await (0, exports.rebuild)((0, config_1.loadConfig)());
        process.stdout.write(`rebuilt read models from ${events} events in ${seconds.toFixed(2)} s (position ${position ?? 'none'})\n`);
        return 0;
    }
    if (command === 'schedule') {
        const now = (0, exports.nowOption)(argv.slice(1));
        if (now === 'invalid') {
            process.stderr.write(`--now must be a date (YYYY-MM-DD) or an ISO 8601 instant with a zone, e.g. 2025-06-02T00:00:00Z\n${USAGE}`);
            return 64;
        }
        const run = await (0, exports.schedule)((0, config_1.loadConfig)(), now);
        if (run.behind)
            process.stderr.write('warning: the read models are behind the event log; start the service to let them catch up\n');
        process.stdout.write(`as of ${run.at}: ${run.loansMarkedOverdue.length} loans marked overdue, ${run.claimsExpired.length} claims expired, ` +
            `${run.skipped.length} skipped\n`);
        for (const skipped of run.skipped)
            process.stdout.write(`  skipped ${skipped.streamId}: ${skipped.code}\n`);
        return 0;
    }
    if (command === 'migrate') {
        if (argv[1] !== '--to' || argv[2] !== 'postgres') {
            process.stderr.write(`migrate needs --to postgres\n${USAGE}`);
            return 64;
        }
        const { copied, rebuilt } = await (0, exports.migrateToPostgresAndRebuild)(process.env);
        process.stdout.write(`copied ${copied.events} events to PostgreSQL in ${copied.seconds.toFixed(2)} s (position ${copied.head ?? 'none'}); every chain verified\n`);
        process.stdout.write(`copied ${copied.shared.apiKeys} API keys, ${copied.shared.idempotencyAnswers} Idempotency-Key answers and ${copied.shared.webhooks} webhooks\n`);
        if (rebuilt === null)
            process.stdout.write('READ_STORE=sqlite: the read models in the data directory stay as they are (same positions)\n');
        else
            process.stdout.write(`rebuilt read models in PostgreSQL from ${rebuilt.events} events in ${rebuilt.seconds.toFixed(2)} s\n`);
        return 0;
    }
    process.stderr.write(USAGE);
    return command === undefined || command === 'help' || command === '--help' ? 0 : 64;
};
exports.main = main;
if (require.main === module) {
    (0, exports.main)(process.argv.slice(2)).then((code) => process.exit(code), (error) => {
        const refused = REFUSALS.some((kind) => error instanceof kind);
        const message = error instanceof config_1.ConfigError
            ? `bad setting ${error.message}`
            : error instanceof Error
                ? refused ? error.message : error.stack
                : String(error);
        process.stderr.write(`resource-sharing-ledger: ${message}\n`);
        process.exit(error instanceof config_1.ConfigError ? 78 : 1);
    });
}
//# sourceMappingURL=cli.js.map