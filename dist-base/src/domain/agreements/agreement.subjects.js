"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.validateSubjects = exports.subjectCovers = exports.isSubject = void 0;
const errors_1 = require("../shared/errors");
const SECTION = /^\d{1,3}$/;
const DECIMAL = /^\d{3}\.\d+$/;
const RANGE = /^(\d{3})-(\d{3})$/;
const DDC_NUMBER = /^\d{3}(\.\d+)?$/;
const isSubject = (value) => {
    if (typeof value !== 'string')
        return false;
    const range = RANGE.exec(value);
    if (range !== null)
        return range[1] <= range[2];
    return SECTION.test(value) || DECIMAL.test(value);
};
exports.isSubject = isSubject;
/** The leading digits a DDC number must start with to fall under a non-range subject. */
const stem = (subject) => {
    if (subject.length !== 3)
        return subject;
    if (subject.endsWith('00'))
        return subject.slice(0, 1);
    if (subject.endsWith('0'))
        return subject.slice(0, 2);
    return subject;
};
const covers = (subject, ddc) => {
    const range = RANGE.exec(subject);
    if (range !== null) {
        const section = ddc.slice(0, 3);
        return range[1] <= section && section <= range[2];
    }
    if (DECIMAL.test(subject))
        return ddc.startsWith(subject);
    return SECTION.test(subject) && ddc.startsWith(stem(subject));
};
/** Whether any of a member's subjects covers a title's DDC number (see `Subject` for the notation). */
const subjectCovers = (subjects, ddc) => {
    const number = typeof ddc === 'string' ? ddc.trim() : '';
    if (!DDC_NUMBER.test(number))
        return false;
    return subjects.some((subject) => covers(subject.trim(), number));
};
exports.subjectCovers = subjectCovers;
/** A member's subjects, trimmed, each once, in the order given. */
const validateSubjects = (subjects, field) => {
    if (!Array.isArray(subjects))
        throw new errors_1.InvalidValue(field, `${field} must be a list of DDC classes or ranges`);
    const seen = new Set();
    subjects.forEach((subject, index) => {
        const value = typeof subject === 'string' ? subject.trim() : subject;
        if (!(0, exports.isSubject)(value)) {
            throw new errors_1.InvalidValue(`${field}[${index}]`, `${field}[${index}] must be a DDC class such as "5", "510", "512.7" or a range such as "780-789"`);
        }
        seen.add(value);
    });
    return [...seen];
};
exports.validateSubjects = validateSubjects;
//# sourceMappingURL=agreement.subjects.js.map