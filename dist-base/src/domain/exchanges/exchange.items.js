"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.exchangeItems = exports.MAX_EXCHANGE_ITEMS = void 0;
const errors_1 = require("../shared/errors");
const input_1 = require("../shared/input");
const isbn_1 = require("../shared/isbn");
const money_1 = require("../shared/money");
/** Enough for any real swap, and keeps one event a reasonable size. */
exports.MAX_EXCHANGE_ITEMS = 1000;
const item = (input, field) => {
    if (typeof input !== 'object' || input === null)
        throw new errors_1.InvalidValue(field, `${field} must be an item with a title`);
    const { isbn, author, publisher, year, pages, price, note } = input;
    const title = (0, input_1.requireText)(input.title, `${field}.title`);
    if (pages !== undefined && (!Number.isInteger(pages) || pages < 1)) {
        throw new errors_1.InvalidValue(`${field}.pages`, `${field}.pages must be a whole number of at least 1`);
    }
    if (price !== undefined)
        (0, money_1.validateMoney)(price, `${field}.price`);
    return {
        title,
        ...(0, input_1.optional)('isbn', isbn === undefined ? undefined : (0, isbn_1.toIsbn13)(isbn, `${field}.isbn`)),
        ...(0, input_1.optional)('author', author),
        ...(0, input_1.optional)('publisher', publisher),
        ...(0, input_1.optional)('year', year),
        ...(0, input_1.optional)('pages', pages),
        ...(0, input_1.optional)('price', price),
        ...(0, input_1.optional)('note', note),
    };
};
/** One side of an exchange: 1 to MAX_EXCHANGE_ITEMS items, each with a title, ISBNs normalised. */
const exchangeItems = (inputs, field) => (0, input_1.requireList)(inputs, 1, exports.MAX_EXCHANGE_ITEMS, field).map((input, index) => item(input, `${field}[${index}]`));
exports.exchangeItems = exchangeItems;
//# sourceMappingURL=exchange.items.js.map