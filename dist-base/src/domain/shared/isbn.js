"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.toIsbn13 = exports.isIsbn = void 0;
const isbn3_1 = __importDefault(require("isbn3"));
const errors_1 = require("./errors");
/**
 * Parsing, check digits and ISBN-10 to ISBN-13 conversion come from isbn3,
 * which also knows the registration ranges of the International ISBN Agency:
 * an ISBN in a range no agency has allocated is refused. The range table
 * ships with the package, so keep the dependency current.
 */
const normalise = (value) => {
    if (typeof value !== 'string' || value.length > 32)
        return { problem: 'must be an ISBN-10 or ISBN-13' };
    const parsed = isbn3_1.default.parse(value.trim());
    if (parsed?.isValid && parsed.isbn13)
        return { isbn13: parsed.isbn13 };
    return { problem: 'is not a valid ISBN-10 or ISBN-13 (wrong check digit, or a range no agency has allocated), e.g. 978-0-306-40615-7' };
};
const isIsbn = (value) => 'isbn13' in normalise(value);
exports.isIsbn = isIsbn;
/** ISBN-10 or ISBN-13, with or without hyphens or spaces, as its 13 digits; refused with the field named. */
const toIsbn13 = (value, field = 'isbn') => {
    const result = normalise(value);
    if ('problem' in result)
        throw new errors_1.InvalidValue(field, `${field} ${result.problem}`);
    return result.isbn13;
};
exports.toIsbn13 = toIsbn13;
//# sourceMappingURL=isbn.js.map