"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.IsPosition = exports.IsDayOrInstant = exports.readPosition = void 0;
const common_1 = require("@nestjs/common");
const class_validator_1 = require("class-validator");
const dates_1 = require("../../../domain/shared/dates");
const example_1 = require("./example");
/** A global position: digits, at most a signed 64-bit integer (what every store gives). */
const MAX_POSITION = 2n ** 63n - 1n;
const POSITION = /^\d{1,19}$/;
const readPosition = (value) => typeof value === 'string' && POSITION.test(value) && BigInt(value) <= MAX_POSITION ? BigInt(value).toString() : null;
exports.readPosition = readPosition;
const DAY_OR_INSTANT = 'a date (YYYY-MM-DD) or an ISO 8601 instant with a zone (e.g. 2025-03-01T12:00:00Z)';
const IsDayOrInstant = (field) => (0, common_1.applyDecorators)((0, class_validator_1.ValidateBy)({
    name: 'isDayOrInstant',
    validator: { validate: (value) => (0, dates_1.readDayOrInstant)(value) !== null, defaultMessage: () => `${field} must be ${DAY_OR_INSTANT}` },
}), (0, example_1.Example)('2025-03-01', DAY_OR_INSTANT));
exports.IsDayOrInstant = IsDayOrInstant;
const IsPosition = (field) => (0, common_1.applyDecorators)((0, class_validator_1.ValidateBy)({
    name: 'isPosition',
    validator: { validate: (value) => (0, exports.readPosition)(value) !== null, defaultMessage: () => `${field} must be a global position (digits, e.g. 1042)` },
}), (0, example_1.Example)('1', 'a global position in the log (digits)'));
exports.IsPosition = IsPosition;
//# sourceMappingURL=time.js.map