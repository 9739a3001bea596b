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
exports.ExchangesController = void 0;
const common_1 = require("@nestjs/common");
const cqrs_1 = require("@nestjs/cqrs");
const exchange_messages_1 = require("../../../application/exchanges/exchange.messages");
const errors_1 = require("../../../domain/shared/errors");
const document_queries_1 = require("../../../application/queries/document.queries");
const roles_1 = require("../auth/roles");
const command_context_decorator_1 = require("../auth/command-context.decorator");
const validation_1 = require("../validation/validation");
const fields_1 = require("../validation/fields");
const exchange_dto_1 = require("./exchange.dto");
const READERS = ['coordinator', 'librarian', 'auditor'];
/** The DTO as the domain reads it: absent fields left out, the price a plain object. */
const itemInput = ({ title, isbn, author, publisher, year, pages, price, note }) => ({
    title,
    ...(isbn === undefined ? {} : { isbn }),
    ...(author === undefined ? {} : { author }),
    ...(publisher === undefined ? {} : { publisher }),
    ...(year === undefined ? {} : { year }),
    ...(pages === undefined ? {} : { pages }),
    ...(price === undefined ? {} : { price: { amount: price.amount, currency: price.currency } }),
    ...(note === undefined ? {} : { note }),
});
let ExchangesController = class ExchangesController {
    commands;
    queries;
    constructor(commands, queries) {
        this.commands = commands;
        this.queries = queries;
    }
    /** The proposer is the library of the key that asks. */
    propose(body, context) {
        const { agreementId, counterpart, offered, requested } = body;
        return this.commands.execute(new exchange_messages_1.ProposeExchangeMessage({ agreementId, counterpart, offered: offered.map(itemInput), requested: requested.map(itemInput) }, context));
    }
    accept(exchangeId, _, context) {
        return this.step({ type: 'AcceptExchange', data: { exchangeId } }, context);
    }
    decline(exchangeId, { reason }, context) {
        return this.step({ type: 'DeclineExchange', data: { exchangeId, reason } }, context);
    }
    /** The key's library sends its side. */
    dispatch(exchangeId, _, context) {
        return this.step({ type: 'DispatchExchangeItems', data: { exchangeId } }, context);
    }
    /** The key's library receives the other side's items. */
    receive(exchangeId, _, context) {
        return this.step({ type: 'ReceiveExchangeItems', data: { exchangeId } }, context);
    }
    cancel(exchangeId, { reason }, context) {
        return this.step({ type: 'CancelExchange', data: { exchangeId, reason } }, context);
    }
    list({ proposer, counterpart, status, agreementId, limit, cursor, minPosition }) {
        const filter = { proposer: proposer, counterpart: counterpart, status, agreementId };
        return this.queries.execute(new document_queries_1.ListDocumentsQuery(exchange_messages_1.exchangesReadModel, filter, limit ?? fields_1.DEFAULT_PAGE_SIZE, cursor, minPosition));
    }
    async get(exchangeId, { minPosition }) {
        const exchange = await this.queries.execute(new document_queries_1.GetDocumentQuery(exchange_messages_1.exchangesReadModel, exchangeId, minPosition));
        if (!exchange)
            throw new errors_1.NotFound('exchange-not-found', `there is no exchange ${exchangeId}`);
        return exchange;
    }
    step(command, context) {
        return this.commands.execute(new exchange_messages_1.ExchangeStepMessage(command, context));
    }
};
exports.ExchangesController = ExchangesController;
__decorate([
    (0, common_1.Post)(),
    (0, roles_1.Roles)('librarian'),
    __param(0, (0, common_1.Body)()),
    __param(1, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [exchange_dto_1.ProposeExchangeDto, Object]),
    __metadata("design:returntype", void 0)
], ExchangesController.prototype, "propose", null);
__decorate([
    (0, common_1.Post)(':id/accept'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('librarian'),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, fields_1.NoBodyDto, Object]),
    __metadata("design:returntype", void 0)
], ExchangesController.prototype, "accept", null);
__decorate([
    (0, common_1.Post)(':id/decline'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('librarian'),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, exchange_dto_1.ExchangeReasonDto, Object]),
    __metadata("design:returntype", void 0)
], ExchangesController.prototype, "decline", null);
__decorate([
    (0, common_1.Post)(':id/dispatch'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('librarian'),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, fields_1.NoBodyDto, Object]),
    __metadata("design:returntype", void 0)
], ExchangesController.prototype, "dispatch", null);
__decorate([
    (0, common_1.Post)(':id/receive'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('librarian'),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, fields_1.NoBodyDto, Object]),
    __metadata("design:returntype", void 0)
], ExchangesController.prototype, "receive", null);
__decorate([
    (0, common_1.Post)(':id/cancel'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('librarian'),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, exchange_dto_1.ExchangeReasonDto, Object]),
    __metadata("design:returntype", void 0)
], ExchangesController.prototype, "cancel", null);
__decorate([
    (0, common_1.Get)(),
    (0, roles_1.Roles)(...READERS),
    __param(0, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [exchange_dto_1.ListExchangesDto]),
    __metadata("design:returntype", void 0)
], ExchangesController.prototype, "list", null);
__decorate([
    (0, common_1.Get)(':id'),
    (0, roles_1.Roles)(...READERS),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, fields_1.ReadYourWritesDto]),
    __metadata("design:returntype", Promise)
], ExchangesController.prototype, "get", null);
exports.ExchangesController = ExchangesController = __decorate([
    (0, common_1.Controller)('v1/exchanges'),
    __metadata("design:paramtypes", [cqrs_1.CommandBus,
        cqrs_1.QueryBus])
], ExchangesController);
//# sourceMappingURL=exchanges.controller.js.map