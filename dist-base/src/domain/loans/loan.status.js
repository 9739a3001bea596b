"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.STATUS_IN_WORDS = exports.isClosedStatus = exports.CLOSED_LOAN_STATUSES = void 0;
/** A loan in one of these statuses refuses every further command. */
exports.CLOSED_LOAN_STATUSES = ['checked-in', 'declined', 'cancelled', 'lost'];
const isClosedStatus = (status) => exports.CLOSED_LOAN_STATUSES.includes(status);
exports.isClosedStatus = isClosedStatus;
/** How a status reads in a sentence for a librarian. */
exports.STATUS_IN_WORDS = {
    requested: 'requested and awaiting the lender',
    accepted: 'accepted but not yet shipped',
    shipped: 'shipped and not yet received',
    'on-loan': 'on loan with the borrower',
    returning: 'on its way back to the lender',
    'checked-in': 'checked in by the lender',
    declined: 'declined by the lender',
    cancelled: 'cancelled by the borrower',
    lost: 'reported lost',
};
//# sourceMappingURL=loan.status.js.map