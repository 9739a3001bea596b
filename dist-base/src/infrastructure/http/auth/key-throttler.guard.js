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
Object.defineProperty(exports, "__esModule", { value: true });
exports.KeyThrottlerGuard = void 0;
const common_1 = require("@nestjs/common");
const throttler_1 = require("@nestjs/throttler");
const throttler_constants_1 = require("@nestjs/throttler/dist/throttler.constants");
const ledger_metrics_1 = require("../../../application/operations/ledger-metrics");
const per_route_1 = require("./per-route");
const ROUTE_SETTINGS = [throttler_constants_1.THROTTLER_LIMIT, throttler_constants_1.THROTTLER_TTL, throttler_constants_1.THROTTLER_BLOCK_DURATION, throttler_constants_1.THROTTLER_TRACKER, throttler_constants_1.THROTTLER_KEY_GENERATOR];
/**
 * Rate limits per API key, not per address: many libraries may sit behind one
 * proxy, and one key must not starve the others. Runs after the key guard.
 */
let KeyThrottlerGuard = class KeyThrottlerGuard extends throttler_1.ThrottlerGuard {
    // A property, not a constructor parameter: the base class's constructor is Nest's to call.
    metrics;
    routeLimits = (0, per_route_1.perRoute)((targets) => this.readRouteLimits(targets));
    /**
     * The base class reads six pieces of route metadata per throttler and awaits
     * each setting on every request (a CPU profile of the balance query put it
     * beside the query itself). Here they are read once per route (perRoute); a
     * route with settings of its own, or module settings computed per request,
     * still goes the base class's way.
     */
    async canActivate(context) {
        const limits = this.routeLimits(context);
        if (limits === 'skipped')
            return true;
        if (limits === 'own')
            return super.canActivate(context);
        for (const throttler of this.throttlers) {
            const ttl = throttler.ttl;
            await this.handleRequest({
                context,
                throttler,
                limit: throttler.limit,
                ttl,
                blockDuration: throttler.blockDuration ?? ttl,
                getTracker: throttler.getTracker ?? this.commonOptions.getTracker,
                generateKey: throttler.generateKey ?? this.commonOptions.generateKey,
            });
        }
        return true;
    }
    async getTracker(request) {
        const principal = request.principal;
        return principal ? `key:${principal.keyId}` : `ip:${String(request.ip)}`;
    }
    /** One count per key across every route (the base class keeps one per route, under a SHA-256 of its name). */
    generateKey(_context, tracker, throttlerName) {
        return `${throttlerName}-${tracker}`;
    }
    async throwThrottlingException(context, detail) {
        this.metrics.rateLimitRefused();
        return super.throwThrottlingException(context, detail);
    }
    readRouteLimits(targets) {
        const declared = (key, throttler) => this.reflector.getAllAndOverride(key + throttler.name, targets) !== undefined;
        const skipped = (throttler) => this.reflector.getAllAndOverride(throttler_constants_1.THROTTLER_SKIP + throttler.name, targets) === true;
        if (this.throttlers.every(skipped))
            return 'skipped';
        const perRequest = (throttler) => typeof throttler.limit !== 'number' || typeof throttler.ttl !== 'number' || (throttler.blockDuration !== undefined && typeof throttler.blockDuration !== 'number') ||
            throttler.skipIf !== undefined || this.commonOptions.skipIf !== undefined;
        const own = this.throttlers.some((throttler) => skipped(throttler) || perRequest(throttler) || ROUTE_SETTINGS.some((key) => declared(key, throttler)));
        return own ? 'own' : 'module';
    }
};
exports.KeyThrottlerGuard = KeyThrottlerGuard;
__decorate([
    (0, common_1.Inject)(ledger_metrics_1.LedgerMetrics),
    __metadata("design:type", ledger_metrics_1.LedgerMetrics)
], KeyThrottlerGuard.prototype, "metrics", void 0);
exports.KeyThrottlerGuard = KeyThrottlerGuard = __decorate([
    (0, common_1.Injectable)()
], KeyThrottlerGuard);
//# sourceMappingURL=key-throttler.guard.js.map