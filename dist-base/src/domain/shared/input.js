"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ifGiven = exports.withoutUndefined = exports.optional = exports.requireList = exports.requireIntegerBetween = exports.requireCalendarDate = exports.requireText = void 0;
const dates_1 = require("./dates");
const errors_1 = require("./errors");
/**
 * Checks on values that arrive in commands. The HTTP layer validates shapes
 * first; these hold the rules again so a decider is safe whoever calls it.
 */
const requireText = (value, field) => {
    if (typeof value !== 'string' || value.trim() === '')
        throw new errors_1.InvalidValue(field, `${field} must not be empty`);
    return value.trim();
};
exports.requireText = requireText;
/** A real calendar day written YYYY-MM-DD (so 2025-02-30 is refused, not rolled over). */
const requireCalendarDate = (value, field) => {
    if (!(0, dates_1.isCalendarDate)(value))
        throw new errors_1.InvalidValue(field, `${field} must be a date written YYYY-MM-DD`);
    return value;
};
exports.requireCalendarDate = requireCalendarDate;
const requireIntegerBetween = (value, min, max, field) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
        throw new errors_1.InvalidValue(field, `${field} must be a whole number from ${min} to ${max}`);
    }
    return value;
};
exports.requireIntegerBetween = requireIntegerBetween;
/** A list with between `min` and `max` entries. */
const requireList = (value, min, max, field) => {
    if (!Array.isArray(value) || value.length < min || value.length > max) {
        throw new errors_1.InvalidValue(field, `${field} must be a list of ${min} to ${max} entries`);
    }
    return value;
};
exports.requireList = requireList;
/** `{ key: value }`, or `{}` when the value is absent, so optional keys never appear as `undefined`. */
const optional = (key, value) => (value === undefined ? {} : { [key]: value });
exports.optional = optional;
/**
 * `value` without its `undefined` entries, so absent keys never appear as
 * `undefined`: a filter or a DTO instance carries what was not sent that way.
 */
const withoutUndefined = (value) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
exports.withoutUndefined = withoutUndefined;
/** Checks a value only when it was given. */
const ifGiven = (value, check) => value === undefined ? undefined : check(value);
exports.ifGiven = ifGiven;
//# sourceMappingURL=input.js.map