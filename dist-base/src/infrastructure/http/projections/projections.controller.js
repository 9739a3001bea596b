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
exports.ProjectionsController = void 0;
const common_1 = require("@nestjs/common");
const event_store_port_1 = require("../../../application/ports/event-store.port");
const read_store_port_1 = require("../../../application/ports/read-store.port");
const projection_report_1 = require("../../../application/projections/projection-report");
const projection_runner_1 = require("../../../application/projections/projection-runner");
const errors_1 = require("../../../domain/shared/errors");
const roles_1 = require("../auth/roles");
let ProjectionsController = class ProjectionsController {
    runner;
    store;
    reads;
    constructor(runner, store, reads) {
        this.runner = runner;
        this.store = store;
        this.reads = reads;
    }
    /** Each read model: its version, checkpoint, the head of the log, lag, state, the events it set aside, and a rebuild in progress. */
    async list() {
        return { items: await (0, projection_report_1.projectionReport)(this.store, this.reads, this.runner.status().projections) };
    }
    /**
     * Rebuilds one read model beside the live one, which keeps answering until
     * the new one has caught up and is switched in. Accepted: the instance that
     * folds the read models takes the request; GET /v1/projections shows its progress.
     */
    async rebuild(name, reply) {
        const request = await this.runner.requestRebuild(name);
        if (request === null)
            throw new errors_1.NotFound('projection-not-found', `there is no read model ${name}`);
        void reply.header('location', '/v1/projections');
        return { projection: name, requestedAt: request.requestedAt, progress: '/v1/projections' };
    }
};
exports.ProjectionsController = ProjectionsController;
__decorate([
    (0, common_1.Get)(),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Promise)
], ProjectionsController.prototype, "list", null);
__decorate([
    (0, common_1.Post)(':name/rebuild'),
    (0, common_1.HttpCode)(202),
    (0, roles_1.Roles)('coordinator'),
    __param(0, (0, common_1.Param)('name')),
    __param(1, (0, common_1.Res)({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", Promise)
], ProjectionsController.prototype, "rebuild", null);
exports.ProjectionsController = ProjectionsController = __decorate([
    (0, common_1.Controller)('v1/projections'),
    (0, roles_1.Roles)('coordinator', 'auditor'),
    __param(1, (0, common_1.Inject)(event_store_port_1.EVENT_STORE)),
    __param(2, (0, common_1.Inject)(read_store_port_1.READ_STORE)),
    __metadata("design:paramtypes", [projection_runner_1.ProjectionRunner, Object, Object])
], ProjectionsController);
//# sourceMappingURL=projections.controller.js.map