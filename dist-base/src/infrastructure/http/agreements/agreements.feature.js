"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.agreementsFeature = exports.AgreementsModule = void 0;
const common_1 = require("@nestjs/common");
const agreement_handlers_1 = require("../../../application/agreements/agreement.handlers");
const agreements_projection_1 = require("../../../application/agreements/agreements.projection");
const agreements_controller_1 = require("./agreements.controller");
let AgreementsModule = class AgreementsModule {
};
exports.AgreementsModule = AgreementsModule;
exports.AgreementsModule = AgreementsModule = __decorate([
    (0, common_1.Module)({ controllers: [agreements_controller_1.AgreementsController], providers: [...agreement_handlers_1.AGREEMENT_HANDLERS] })
], AgreementsModule);
exports.agreementsFeature = { module: AgreementsModule, projections: [agreements_projection_1.agreementsProjection] };
//# sourceMappingURL=agreements.feature.js.map