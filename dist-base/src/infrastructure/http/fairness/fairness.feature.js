"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.fairnessFeature = exports.FairnessModule = void 0;
const common_1 = require("@nestjs/common");
const fairness_facts_projection_1 = require("../../../application/fairness/fairness-facts.projection");
const fairness_reads_port_1 = require("../../../application/fairness/fairness-reads.port");
const fairness_handlers_1 = require("../../../application/fairness/fairness.handlers");
const read_store_factory_1 = require("../../read-store/read-store.factory");
const tokens_1 = require("../../tokens");
const fairness_controller_1 = require("./fairness.controller");
let FairnessModule = class FairnessModule {
};
exports.FairnessModule = FairnessModule;
exports.FairnessModule = FairnessModule = __decorate([
    (0, common_1.Module)({
        controllers: [fairness_controller_1.FairnessController],
        providers: [
            ...fairness_handlers_1.FAIRNESS_HANDLERS,
            {
                provide: fairness_reads_port_1.FAIRNESS_READS,
                useFactory: (config, db, pool) => (0, read_store_factory_1.createFairnessReads)(config, db, pool),
                inject: [tokens_1.APP_CONFIG, tokens_1.SQLITE_DATABASE, tokens_1.PG_POOL],
            },
        ],
        exports: [fairness_reads_port_1.FAIRNESS_READS],
    })
], FairnessModule);
/**
 * The fairness report and the lender suggestion, with the fact rows they count.
 * Feature still types its read models as documents; the runner and the read
 * store take row projections too (isRowProjection), hence the cast.
 */
exports.fairnessFeature = {
    module: FairnessModule,
    projections: [fairness_facts_projection_1.fairnessFactsProjection, fairness_facts_projection_1.fairnessHoldingsProjection],
};
//# sourceMappingURL=fairness.feature.js.map