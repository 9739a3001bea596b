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
exports.ApiKeyGuard = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const errors_1 = require("../../../domain/shared/errors");
const per_route_1 = require("./per-route");
const roles_1 = require("./roles");
/**
 * Every route needs a live key unless marked @Public (checked before the body
 * is read, see authenticate.hook.ts), and must declare its roles with @Roles:
 * a route that forgets is closed to everyone (deny by default).
 */
let ApiKeyGuard = class ApiKeyGuard {
    reflector;
    accessOf = (0, per_route_1.perRoute)((targets) => this.reflector.getAllAndOverride(roles_1.PUBLIC_ROUTE, targets) ? 'public' : (this.reflector.getAllAndOverride(roles_1.ROLES, targets) ?? []));
    constructor(reflector) {
        this.reflector = reflector;
    }
    canActivate(context) {
        const access = this.accessOf(context);
        if (access === 'public')
            return true;
        const { principal } = context.switchToHttp().getRequest();
        // Only a route the key check did not know would arrive here without one.
        if (!principal)
            throw new common_1.UnauthorizedException('send an API key as "Authorization: Bearer <key>"');
        if (!access.includes(principal.role)) {
            throw new errors_1.Forbidden('role-not-allowed', `a ${principal.role} key may not do this`);
        }
        return true;
    }
};
exports.ApiKeyGuard = ApiKeyGuard;
exports.ApiKeyGuard = ApiKeyGuard = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [core_1.Reflector])
], ApiKeyGuard);
//# sourceMappingURL=api-key.guard.js.map