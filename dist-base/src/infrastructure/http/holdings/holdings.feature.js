"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.holdingsFeature = exports.HoldingsModule = void 0;
const common_1 = require("@nestjs/common");
const catalog_projection_1 = require("../../../application/holdings/catalog.projection");
const holdings_handlers_1 = require("../../../application/holdings/holdings.handlers");
const holdings_controller_1 = require("./holdings.controller");
let HoldingsModule = class HoldingsModule {
};
exports.HoldingsModule = HoldingsModule;
exports.HoldingsModule = HoldingsModule = __decorate([
    (0, common_1.Module)({ controllers: [holdings_controller_1.HoldingsController], providers: [...holdings_handlers_1.HOLDINGS_HANDLERS] })
], HoldingsModule);
/** Holdings and the union catalogue they feed (read by claims through CooperationFacts.holders). */
exports.holdingsFeature = { module: HoldingsModule, projections: [catalog_projection_1.catalogProjection] };
//# sourceMappingURL=holdings.feature.js.map