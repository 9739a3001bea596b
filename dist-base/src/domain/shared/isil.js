"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.toIsil = exports.normalIsil = exports.isIsil = exports.ISIL_MESSAGE = exports.ISIL_PATTERN = void 0;
const errors_1 = require("./errors");
exports.ISIL_PATTERN = /^[A-Za-z0-9]{1,4}-[A-Za-z0-9:/-]{1,11}$/;
/** What is said, after the field's name, of a value that is not an ISIL. */
exports.ISIL_MESSAGE = 'must be an ISIL (ISO 15511), e.g. ID-JKPNRI';
const isIsil = (value) => typeof value === 'string' && value.length <= 16 && exports.ISIL_PATTERN.test(value);
exports.isIsil = isIsil;
/** The one spelling the ledger keeps of an ISIL whose shape is already checked. */
const normalIsil = (value) => value.toUpperCase();
exports.normalIsil = normalIsil;
const toIsil = (value, field = 'isil') => {
    if (!(0, exports.isIsil)(value))
        throw new errors_1.InvalidValue(field, `${field} ${exports.ISIL_MESSAGE}`);
    return (0, exports.normalIsil)(value);
};
exports.toIsil = toIsil;
//# sourceMappingURL=isil.js.map