"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.exchangesFeature = exports.ExchangesModule = void 0;
const common_1 = require("@nestjs/common");
const exchange_handlers_1 = require("../../../application/exchanges/exchange.handlers");
const exchanges_projection_1 = require("../../../application/exchanges/exchanges.projection");
const exchanges_controller_1 = require("./exchanges.controller");
let ExchangesModule = class ExchangesModule {
};
exports.ExchangesModule = ExchangesModule;
exports.ExchangesModule = ExchangesModule = __decorate([
    (0, common_1.Module)({ controllers: [exchanges_controller_1.ExchangesController], providers: [...exchange_handlers_1.EXCHANGE_HANDLERS] })
], ExchangesModule);
exports.exchangesFeature = { module: ExchangesModule, projections: [exchanges_projection_1.exchangesProjection] };
//# sourceMappingURL=exchanges.feature.js.map