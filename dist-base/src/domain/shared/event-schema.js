"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.describe = exports.object = exports.arrayOf = exports.money = exports.count = exports.text = exports.id = exports.day = exports.instant = exports.isbn13 = exports.isil = void 0;
const holdings_events_1 = require("../holdings/holdings.events");
const isil_1 = require("./isil");
const money_1 = require("./money");
/**
 * The one schema for an ISIL. Fields typed with it (by identity) are the
 * libraries an event involves, which subscribers filter on.
 */
exports.isil = {
    type: 'string',
    pattern: isil_1.ISIL_PATTERN.source,
    maxLength: 16,
    description: 'ISIL (ISO 15511) of a library',
    examples: ['ID-JKPNRI'],
};
exports.isbn13 = { type: 'string', pattern: holdings_events_1.ISBN13_PATTERN.source, examples: ['9786020332956'] };
exports.instant = { type: 'string', format: 'date-time', examples: ['2026-03-02T09:30:00.000Z'] };
exports.day = { type: 'string', format: 'date', examples: ['2026-03-30'] };
exports.id = { type: 'string', minLength: 1, examples: ['0b8f3c2e-7a41-4d6b-9a51-3f2d2c1e9b10'] };
exports.text = { type: 'string', examples: ['as agreed'] };
exports.count = { type: 'integer', minimum: 0, examples: [3] };
exports.money = {
    type: 'object',
    additionalProperties: false,
    required: ['amount', 'currency'],
    properties: {
        amount: { type: 'string', pattern: money_1.MONEY_AMOUNT.source, examples: ['12.50'] },
        currency: { type: 'string', pattern: money_1.CURRENCY_CODE.source, examples: ['EUR'] },
    },
};
const arrayOf = (items) => ({ type: 'array', items });
exports.arrayOf = arrayOf;
/** An object with exactly these fields: `required` always present, `optional` sometimes. */
const object = (required, optional = {}) => ({
    type: 'object',
    additionalProperties: false,
    required: Object.keys(required),
    properties: { ...required, ...optional },
});
exports.object = object;
const describe = (summary, required, optional = {}) => ({
    summary,
    schema: (0, exports.object)(required, optional),
});
exports.describe = describe;
//# sourceMappingURL=event-schema.js.map