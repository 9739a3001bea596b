"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.historyFeature = exports.HistoryModule = void 0;
const common_1 = require("@nestjs/common");
const history_queries_1 = require("../../../application/history/history.queries");
const history_controller_1 = require("./history.controller");
let HistoryModule = class HistoryModule {
};
exports.HistoryModule = HistoryModule;
exports.HistoryModule = HistoryModule = __decorate([
    (0, common_1.Module)({ controllers: [history_controller_1.HistoryController], providers: [...history_queries_1.HISTORY_HANDLERS] })
], HistoryModule);
exports.historyFeature = { module: HistoryModule, projections: [] };
//# sourceMappingURL=history.feature.js.map