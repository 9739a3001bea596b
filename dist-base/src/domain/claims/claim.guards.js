"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isilList = exports.optionalText = void 0;
const errors_1 = require("../shared/errors");
const input_1 = require("../shared/input");
const isil_1 = require("../shared/isil");
/** A text that may be left out, but not given blank. */
const optionalText = (value, field) => value === undefined ? undefined : (0, input_1.requireText)(value, field);
exports.optionalText = optionalText;
/** The partners named, each once, as ISILs. */
const isilList = (value, field) => {
    if (!Array.isArray(value))
        throw new errors_1.InvalidValue(field, `${field} must be a list of ISILs`);
    return [...new Set(value.map((entry, index) => (0, isil_1.toIsil)(entry, `${field}[${index}]`)))];
};
exports.isilList = isilList;
//# sourceMappingURL=claim.guards.js.map