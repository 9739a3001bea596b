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
Object.defineProperty(exports, "__esModule", { value: true });
exports.HOLDINGS_HANDLERS = exports.WithdrawHoldingsHandler = exports.RegisterHoldingsHandler = void 0;
const cqrs_1 = require("@nestjs/cqrs");
const holdings_1 = require("../../domain/holdings");
const isbn_1 = require("../../domain/shared/isbn");
const command_deps_provider_1 = require("../commands/command-deps.provider");
const handle_command_1 = require("../commands/handle-command");
const held_elsewhere_1 = require("../claims/held-elsewhere");
const streams_1 = require("../cooperation/streams");
const holdings_messages_1 = require("./holdings.messages");
/** Every ISBN becomes its ISBN-13 before the decider sees it; a bad one is refused by its place in the list. */
const normalised = (items) => items.map(({ isbn, ...item }, index) => ({ ...item, isbn13: (0, isbn_1.toIsbn13)(isbn, `items[${index}].isbn`) }));
let RegisterHoldingsHandler = class RegisterHoldingsHandler {
    deps;
    heldElsewhere;
    constructor(deps, heldElsewhere) {
        this.deps = deps;
        this.heldElsewhere = heldElsewhere;
    }
    async execute({ isil, items, context }) {
        const titles = normalised(items);
        const result = await (0, handle_command_1.handleCommand)(this.deps, streams_1.streams.holdings(isil), holdings_1.holdingsDecider, (now) => ({ type: 'RegisterHoldings', data: { isil, items: titles }, metadata: { now, actor: context.actor } }), context);
        // A claim that committed beside the registration is flagged before the registration answers.
        await this.heldElsewhere.afterHoldings(isil, titles.map((title) => title.isbn13), result.position, context);
        return { ...result, isil };
    }
};
exports.RegisterHoldingsHandler = RegisterHoldingsHandler;
exports.RegisterHoldingsHandler = RegisterHoldingsHandler = __decorate([
    (0, cqrs_1.CommandHandler)(holdings_messages_1.RegisterHoldingsMessage),
    __metadata("design:paramtypes", [command_deps_provider_1.CommandDepsProvider,
        held_elsewhere_1.HeldElsewhere])
], RegisterHoldingsHandler);
let WithdrawHoldingsHandler = class WithdrawHoldingsHandler {
    deps;
    constructor(deps) {
        this.deps = deps;
    }
    async execute({ isil, isbns, context }) {
        const titles = isbns.map((isbn, index) => (0, isbn_1.toIsbn13)(isbn, `isbns[${index}]`));
        const result = await (0, handle_command_1.handleCommand)(this.deps, streams_1.streams.holdings(isil), holdings_1.holdingsDecider, (now) => ({ type: 'WithdrawHoldings', data: { isil, isbns: titles }, metadata: { now, actor: context.actor } }), context);
        return { ...result, isil };
    }
};
exports.WithdrawHoldingsHandler = WithdrawHoldingsHandler;
exports.WithdrawHoldingsHandler = WithdrawHoldingsHandler = __decorate([
    (0, cqrs_1.CommandHandler)(holdings_messages_1.WithdrawHoldingsMessage),
    __metadata("design:paramtypes", [command_deps_provider_1.CommandDepsProvider])
], WithdrawHoldingsHandler);
exports.HOLDINGS_HANDLERS = [RegisterHoldingsHandler, WithdrawHoldingsHandler];
//# sourceMappingURL=holdings.handlers.js.map