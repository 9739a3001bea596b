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
exports.MetricsServer = void 0;
const common_1 = require("@nestjs/common");
const node_http_1 = require("node:http");
const tokens_1 = require("../tokens");
const prom_metrics_1 = require("./prom-metrics");
/**
 * LEDGER_METRICS_PORT: /metrics without a key, on a port of its own that the
 * operator keeps inside the network (it says how busy each library is). It
 * serves nothing else.
 */
let MetricsServer = class MetricsServer {
    config;
    metrics;
    logger = new common_1.Logger('Metrics');
    server;
    constructor(config, metrics) {
        this.config = config;
        this.metrics = metrics;
    }
    async onApplicationBootstrap() {
        if (this.config.metricsPort === null)
            return;
        const server = (0, node_http_1.createServer)((request, response) => {
            if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
                response.writeHead(404, { 'content-type': 'text/plain' }).end('only GET /metrics is served here\n');
                return;
            }
            this.metrics.scrape().then((text) => response.writeHead(200, { 'content-type': this.metrics.contentType, 'cache-control': 'no-store' }).end(text), (error) => {
                this.logger.error({ event: 'metrics.scrape-failed', err: error });
                response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics could not be collected\n');
            });
        });
        await new Promise((resolve, reject) => server.once('error', reject).listen(this.config.metricsPort, this.config.host, resolve));
        this.server = server;
        this.logger.log({ event: 'metrics.listening', url: this.url }, `metrics on ${this.url}`);
    }
    /** Where the metrics port listens, once started. */
    get url() {
        const address = this.server?.address();
        return address ? `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}/metrics` : null;
    }
    async onApplicationShutdown() {
        const server = this.server;
        if (!server)
            return;
        server.closeAllConnections();
        await new Promise((resolve) => server.close(() => resolve()));
    }
};
exports.MetricsServer = MetricsServer;
exports.MetricsServer = MetricsServer = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(tokens_1.APP_CONFIG)),
    __metadata("design:paramtypes", [Object, prom_metrics_1.PromMetrics])
], MetricsServer);
//# sourceMappingURL=metrics-server.js.map