"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.rotationsFeature = exports.RotationsModule = void 0;
const common_1 = require("@nestjs/common");
const rotation_handlers_1 = require("../../../application/rotations/rotation.handlers");
const rotations_projection_1 = require("../../../application/rotations/rotations.projection");
const rotations_controller_1 = require("./rotations.controller");
let RotationsModule = class RotationsModule {
};
exports.RotationsModule = RotationsModule;
exports.RotationsModule = RotationsModule = __decorate([
    (0, common_1.Module)({ controllers: [rotations_controller_1.RotationsController], providers: [...rotation_handlers_1.ROTATION_HANDLERS] })
], RotationsModule);
exports.rotationsFeature = { module: RotationsModule, projections: [rotations_projection_1.rotationsProjection] };
//# sourceMappingURL=rotations.feature.js.map