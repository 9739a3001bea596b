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
exports.TrialBalanceDto = exports.BalancesDto = exports.BalanceTimeDto = exports.readCut = exports.IsLedgerUnit = exports.readPosition = void 0;
const common_1 = require("@nestjs/common");
const class_validator_1 = require("class-validator");
const ledger_1 = require("../../../domain/ledger");
const fields_1 = require("../validation/fields");
const dates_1 = require("../../../domain/shared/dates");
const time_1 = require("../validation/time");
Object.defineProperty(exports, "readPosition", { enumerable: true, get: function () { return time_1.readPosition; } });
/** The units the posting rules make (domain/ledger/postings.ts); a money currency in any case, kept upper-cased. */
const UNIT_PATTERN = new RegExp(`^(loan|exchange-item|rotation-item|money:[A-Za-z]{3}|service:(${ledger_1.SERVICE_KINDS.join('|')}))$`);
const UNIT_MESSAGE = `unit must be a ledger unit: loan, exchange-item, rotation-item, money:{ISO 4217 code} such as money:EUR, or service:{${ledger_1.SERVICE_KINDS.join('|')}}`;
/** A ledger unit, as the balance queries take it. */
const IsLedgerUnit = () => (0, common_1.applyDecorators)((0, class_validator_1.Matches)(UNIT_PATTERN, { message: UNIT_MESSAGE }), (0, class_validator_1.MaxLength)(40), (0, class_validator_1.IsString)(), (0, fields_1.Example)('money:EUR'));
exports.IsLedgerUnit = IsLedgerUnit;
/** `asOf`: a global position (digits) or an ISO 8601 instant. */
const readCut = (value) => {
    const position = (0, time_1.readPosition)(value);
    if (position !== null)
        return { position };
    const instant = (0, dates_1.readInstant)(value);
    return instant === null ? null : { instant };
};
exports.readCut = readCut;
const IsCut = () => (0, class_validator_1.ValidateBy)({
    name: 'isBalanceCut',
    validator: {
        validate: (value) => (0, exports.readCut)(value) !== null,
        defaultMessage: () => 'asOf must be a global position (digits, e.g. 1042) or an ISO 8601 instant with a zone (e.g. 2025-03-01T12:00:00Z)',
    },
});
/** What every balance query may say about time. */
class BalanceTimeDto extends fields_1.ReadYourWritesDto {
    asOf;
}
exports.BalanceTimeDto = BalanceTimeDto;
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(40),
    IsCut(),
    (0, fields_1.Example)('2025-03-01T12:00:00Z', 'a global position (digits) or an ISO 8601 instant with a zone'),
    __metadata("design:type", String)
], BalanceTimeDto.prototype, "asOf", void 0);
class BalancesDto extends BalanceTimeDto {
    partner;
    counterparty;
    unit;
}
exports.BalancesDto = BalancesDto;
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, fields_1.IsIsil)('partner'),
    __metadata("design:type", String)
], BalancesDto.prototype, "partner", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, fields_1.IsIsil)('counterparty'),
    __metadata("design:type", String)
], BalancesDto.prototype, "counterparty", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, exports.IsLedgerUnit)(),
    __metadata("design:type", String)
], BalancesDto.prototype, "unit", void 0);
class TrialBalanceDto extends BalanceTimeDto {
}
exports.TrialBalanceDto = TrialBalanceDto;
//# sourceMappingURL=balance.dto.js.map