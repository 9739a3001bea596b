"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isOutsideDivisionOfLabour = exports.validateTitleSubjects = void 0;
const agreement_subjects_1 = require("../agreements/agreement.subjects");
const errors_1 = require("../shared/errors");
/**
 * Division of labour: each member of an agreement collects certain Dewey
 * classes, in the notation the agreement validates (`5` covers 500–599, `780`
 * covers 780.x, `900-999` the sections between). Coverage is decided by the
 * agreement's own rule, so a claim reads a member's subjects exactly as the
 * agreement that recorded them does.
 */
/** A title's class: a Dewey number of at least three digits, e.g. `512` or `780.92`. */
const DDC_NUMBER = /^\d{3}(\.\d+)?$/;
/** The title's Dewey numbers, trimmed, each once. */
const validateTitleSubjects = (value, field = 'subjects') => {
    if (!Array.isArray(value))
        throw new errors_1.InvalidValue(field, `${field} must be a list of Dewey numbers`);
    const subjects = value.map((subject, index) => {
        const ddc = typeof subject === 'string' ? subject.trim() : '';
        if (!DDC_NUMBER.test(ddc)) {
            throw new errors_1.InvalidValue(`${field}[${index}]`, `${field}[${index}] must be a Dewey number such as "512" or "780.92"`);
        }
        return ddc;
    });
    return [...new Set(subjects)];
};
exports.validateTitleSubjects = validateTitleSubjects;
/** A title is outside a member's share when its subjects are known and none is one the member collects. */
const isOutsideDivisionOfLabour = (memberSubjects, titleSubjects) => titleSubjects !== undefined &&
    titleSubjects.length > 0 &&
    !titleSubjects.some((ddc) => (0, agreement_subjects_1.subjectCovers)(memberSubjects, ddc));
exports.isOutsideDivisionOfLabour = isOutsideDivisionOfLabour;
//# sourceMappingURL=division-of-labour.js.map