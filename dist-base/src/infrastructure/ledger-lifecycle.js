"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.LedgerLifecycle = exports.checkSkippedProjections = void 0;
const common_1 = require("@nestjs/common");
const access_service_1 = require("../application/access/access.service");
const event_store_port_1 = require("../application/ports/event-store.port");
const projection_runner_1 = require("../application/projections/projection-runner");
const final_work_1 = require("../application/jobs/final-work");
const clock_port_1 = require("../application/ports/clock.port");
const idempotency_store_port_1 = require("../application/ports/idempotency-store.port");
const admin_key_1 = require("./config/admin-key");
const tokens_1 = require("./tokens");
const rate_counters_port_1 = require("../application/ports/rate-counters.port");
const data_dir_lock_1 = require("./data-dir-lock");
const config_1 = require("./config/config");
const leader_election_port_1 = require("../application/ports/leader-election.port");
/** Every read model named in LEDGER_PROJECTIONS_SKIP_BAD_EVENTS must exist: a misspelt one would silently stop instead. */
const checkSkippedProjections = (names, projections) => {
    const unknown = names === '*' ? [] : names.filter((name) => !projections.some((projection) => projection.name === name));
    if (unknown.length > 0) {
        const known = projections.map((projection) => projection.name).join(', ');
        throw new config_1.ConfigError('LEDGER_PROJECTIONS_SKIP_BAD_EVENTS', `no read model named ${unknown.join(', ')}; they are ${known}`);
    }
};
exports.checkSkippedProjections = checkSkippedProjections;
/**
 * Start (the settings that name read models were checked before the module
 * was built: checkSkippedProjections): take the data directory
 * (no rebuild may run beside the service) in the init phase, which Nest ends
 * in every module before it bootstraps any: so the jobs that write (the
 * sealer's first seal, the scheduler, deliveries) all start after the
 * directory is held, and a second instance on it writes nothing. Then, at
 * bootstrap, install the first coordinator key,
 * bring the read models up to the log, then follow it. Stop (after HTTP has finished the requests in flight):
 * stop the projections, run the final work of the jobs (the last seal), let
 * the store finish its appends, close the file.
 */
let LedgerLifecycle = class LedgerLifecycle {
    config;
    store;
    db;
    pool;
    access;
    runner;
    idempotency;
    clock;
    finalWork;
    election;
    readModelElection;
    rateCounters;
    logger = new common_1.Logger('Ledger');
    constructor(config, store, db, pool, access, runner, idempotency, clock, finalWork, election, readModelElection, rateCounters) {
        this.config = config;
        this.store = store;
        this.db = db;
        this.pool = pool;
        this.access = access;
        this.runner = runner;
        this.idempotency = idempotency;
        this.clock = clock;
        this.finalWork = finalWork;
        this.election = election;
        this.readModelElection = readModelElection;
        this.rateCounters = rateCounters;
    }
    folding;
    purgeTimer;
    releaseDataDir;
    onModuleInit() {
        this.releaseDataDir = (0, data_dir_lock_1.holdDataDir)(this.config.dataDir);
    }
    async onApplicationBootstrap() {
        const admin = (0, admin_key_1.resolveAdminKey)(this.config);
        await this.access.installBootstrapKey(admin.key);
        if (this.config.eventStore === 'postgres' && (admin.source !== 'environment' || this.config.sealKey === null)) {
            // Keys live in each instance's data directory otherwise: a second instance would replace the coordinator key and seal with another.
            this.logger.warn('several instances on one PostgreSQL need the same LEDGER_ADMIN_KEY and LEDGER_SEAL_KEY on every instance');
        }
        if (admin.source === 'environment')
            this.logger.log('coordinator key taken from LEDGER_ADMIN_KEY');
        else
            this.logger.log(`coordinator key ${admin.created ? 'generated into' : 'read from'} ${admin.path}`);
        await this.purgeIdempotencyKeys();
        this.purgeTimer = setInterval(() => void this.purgeIdempotencyKeys(), 3_600_000).unref();
        this.folding = await this.readModelElection.campaign('projections', this.foldingJob());
        const { position, leading } = this.runner.status();
        this.logger.log({ event: 'ledger.started', position, leading }, `read models at position ${position ?? 'start'}; ${leading ? 'folding the log' : 'another instance folds the log, this one reads its checkpoints'}`);
    }
    /**
     * The projection runner folds the read models on one instance at a time.
     * At start-up the read models catch up before the service listens; taken
     * over later, the catch-up runs in the background, so that losing the
     * election again stops it after its batch.
     */
    foldingJob() {
        let started = false;
        let leading = false;
        return {
            lead: async () => {
                leading = true;
                await this.runner.stopWatching();
                await this.runner.init();
                if (!leading)
                    return;
                this.logger.log({ event: 'projections.leading' }, 'this instance folds the read models');
                const starting = this.runner.start();
                if (!started)
                    await starting;
                else
                    starting.catch((error) => this.logger.error({ err: error }, 'the read models could not catch up'));
                started = true;
            },
            stepDown: async () => {
                leading = false;
                await this.runner.stop();
            },
            follow: async () => {
                started = true;
                this.logger.log({ event: 'projections.following' }, 'another instance folds the read models; this one reads their checkpoints');
                await this.runner.watch();
            },
        };
    }
    /** Answers kept for Idempotency-Key retries are forgotten after the retention period. */
    async purgeIdempotencyKeys() {
        const before = new Date(this.clock.now().getTime() - this.config.idempotencyRetentionHours * 3_600_000);
        const purged = await this.idempotency.purge(before.toISOString());
        if (purged > 0)
            this.logger.log(`forgot ${purged} idempotency keys older than ${before.toISOString()}`);
    }
    async onApplicationShutdown() {
        clearInterval(this.purgeTimer);
        await this.folding?.withdraw();
        await this.runner.stop();
        await this.finalWork.runAll((name, error) => this.logger.error(`${name} failed at shutdown: ${error instanceof Error ? error.stack : String(error)}`));
        await this.election.close();
        await this.readModelElection.close();
        await this.rateCounters.close();
        await this.store.close();
        if (this.db.open)
            this.db.close();
        await this.pool?.end();
        this.releaseDataDir?.();
        this.logger.log({ event: 'ledger.stopped' }, 'event store closed');
    }
};
exports.LedgerLifecycle = LedgerLifecycle;
exports.LedgerLifecycle = LedgerLifecycle = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(tokens_1.APP_CONFIG)),
    __param(1, (0, common_1.Inject)(event_store_port_1.EVENT_STORE)),
    __param(2, (0, common_1.Inject)(tokens_1.SQLITE_DATABASE)),
    __param(3, (0, common_1.Inject)(tokens_1.PG_POOL)),
    __param(6, (0, common_1.Inject)(idempotency_store_port_1.IDEMPOTENCY_STORE)),
    __param(7, (0, common_1.Inject)(clock_port_1.CLOCK)),
    __param(9, (0, common_1.Inject)(leader_election_port_1.LEADER_ELECTION)),
    __param(10, (0, common_1.Inject)(leader_election_port_1.READ_MODEL_ELECTION)),
    __param(11, (0, common_1.Inject)(rate_counters_port_1.RATE_COUNTERS)),
    __metadata("design:paramtypes", [Object, Object, Object, Object, access_service_1.AccessService,
        projection_runner_1.ProjectionRunner, Object, Object, final_work_1.FinalWork, Object, Object, Object])
], LedgerLifecycle);
//# sourceMappingURL=ledger-lifecycle.js.map