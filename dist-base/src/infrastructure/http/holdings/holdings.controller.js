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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.HoldingsController = void 0;
const common_1 = require("@nestjs/common");
const cqrs_1 = require("@nestjs/cqrs");
const holdings_messages_1 = require("../../../application/holdings/holdings.messages");
const input_1 = require("../../../domain/shared/input");
const command_context_decorator_1 = require("../auth/command-context.decorator");
const roles_1 = require("../auth/roles");
const problem_1 = require("../problem/problem");
const holdings_dto_1 = require("./holdings.dto");
/**
 * The library acted for: a librarian's own (naming another is refused by the
 * domain with 403), or the one a coordinator names.
 */
const libraryOf = (isil, context) => {
    const library = isil ?? context.actor.library;
    if (library === undefined)
        throw new problem_1.BadInput([{ field: 'isil', message: 'isil must name the library whose holdings these are' }]);
    return library;
};
/** Holdings feed the union catalogue; a bulk load of 10,000 titles needs LEDGER_BODY_LIMIT_BYTES raised. */
let HoldingsController = class HoldingsController {
    commands;
    constructor(commands) {
        this.commands = commands;
    }
    register({ isil, items }, context) {
        const titles = items.map(({ isbn, title, author, year, subjects, acquiredOn }) => ({
            isbn, title, ...(0, input_1.optional)('author', author), ...(0, input_1.optional)('year', year), ...(0, input_1.optional)('subjects', subjects),
            ...(0, input_1.optional)('acquiredOn', acquiredOn),
        }));
        return this.commands.execute(new holdings_messages_1.RegisterHoldingsMessage(libraryOf(isil, context), titles, context));
    }
    withdraw({ isil, isbns }, context) {
        return this.commands.execute(new holdings_messages_1.WithdrawHoldingsMessage(libraryOf(isil, context), isbns, context));
    }
};
exports.HoldingsController = HoldingsController;
__decorate([
    (0, common_1.Post)(),
    (0, roles_1.Roles)('librarian', 'coordinator'),
    __param(0, (0, common_1.Body)()),
    __param(1, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [holdings_dto_1.RegisterHoldingsDto, Object]),
    __metadata("design:returntype", void 0)
], HoldingsController.prototype, "register", null);
__decorate([
    (0, common_1.Post)('withdraw'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('librarian', 'coordinator'),
    __param(0, (0, common_1.Body)()),
    __param(1, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [holdings_dto_1.WithdrawHoldingsDto, Object]),
    __metadata("design:returntype", void 0)
], HoldingsController.prototype, "withdraw", null);
exports.HoldingsController = HoldingsController = __decorate([
    (0, common_1.Controller)('v1/holdings'),
    __metadata("design:paramtypes", [cqrs_1.CommandBus])
], HoldingsController);
//# sourceMappingURL=holdings.controller.js.map