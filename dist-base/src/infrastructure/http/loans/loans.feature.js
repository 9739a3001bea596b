"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.loansFeature = exports.LoansModule = void 0;
const common_1 = require("@nestjs/common");
const loan_handlers_1 = require("../../../application/loans/loan.handlers");
const loans_projection_1 = require("../../../application/loans/loans.projection");
const loans_controller_1 = require("./loans.controller");
let LoansModule = class LoansModule {
};
exports.LoansModule = LoansModule;
exports.LoansModule = LoansModule = __decorate([
    (0, common_1.Module)({ controllers: [loans_controller_1.LoansController], providers: [...loan_handlers_1.LOAN_HANDLERS] })
], LoansModule);
exports.loansFeature = { module: LoansModule, projections: [loans_projection_1.loansProjection] };
//# sourceMappingURL=loans.feature.js.map