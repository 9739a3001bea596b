"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.partnersFeature = exports.PartnersModule = void 0;
const common_1 = require("@nestjs/common");
const partner_handlers_1 = require("../../../application/partners/partner.handlers");
const partners_projection_1 = require("../../../application/partners/partners.projection");
const partners_controller_1 = require("./partners.controller");
let PartnersModule = class PartnersModule {
};
exports.PartnersModule = PartnersModule;
exports.PartnersModule = PartnersModule = __decorate([
    (0, common_1.Module)({ controllers: [partners_controller_1.PartnersController], providers: [...partner_handlers_1.PARTNER_HANDLERS] })
], PartnersModule);
exports.partnersFeature = { module: PartnersModule, projections: [partners_projection_1.partnersProjection] };
//# sourceMappingURL=partners.feature.js.map