"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.claimsFeature = exports.ClaimsModule = void 0;
const common_1 = require("@nestjs/common");
const claim_handlers_1 = require("../../../application/claims/claim.handlers");
const claims_projection_1 = require("../../../application/claims/claims.projection");
const claims_controller_1 = require("./claims.controller");
let ClaimsModule = class ClaimsModule {
};
exports.ClaimsModule = ClaimsModule;
exports.ClaimsModule = ClaimsModule = __decorate([
    (0, common_1.Module)({ controllers: [claims_controller_1.ClaimsController], providers: [...claim_handlers_1.CLAIM_HANDLERS] })
], ClaimsModule);
exports.claimsFeature = { module: ClaimsModule, projections: [claims_projection_1.claimsProjection] };
//# sourceMappingURL=claims.feature.js.map