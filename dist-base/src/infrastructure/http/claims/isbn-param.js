"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.IsbnParam = void 0;
const isbn_1 = require("../../../domain/shared/isbn");
const problem_1 = require("../problem/problem");
/** A title in the path, in any ISBN form, as its ISBN-13; refused naming `isbn` when it is not one. */
exports.IsbnParam = {
    transform: (value) => {
        if (!(0, isbn_1.isIsbn)(value)) {
            throw new problem_1.BadInput([{ field: 'isbn', message: 'isbn must be a valid ISBN-10 or ISBN-13 (check digit included), e.g. 978-0-306-40615-7' }]);
        }
        return (0, isbn_1.toIsbn13)(value, 'isbn');
    },
};
//# sourceMappingURL=isbn-param.js.map