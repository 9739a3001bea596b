"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.servicesFeature = exports.ServicesModule = void 0;
const common_1 = require("@nestjs/common");
const service_handlers_1 = require("../../../application/services/service.handlers");
const services_projection_1 = require("../../../application/services/services.projection");
const services_controller_1 = require("./services.controller");
let ServicesModule = class ServicesModule {
};
exports.ServicesModule = ServicesModule;
exports.ServicesModule = ServicesModule = __decorate([
    (0, common_1.Module)({ controllers: [services_controller_1.ServicesController], providers: [...service_handlers_1.SERVICE_HANDLERS] })
], ServicesModule);
exports.servicesFeature = { module: ServicesModule, projections: [services_projection_1.servicesProjection] };
//# sourceMappingURL=services.feature.js.map