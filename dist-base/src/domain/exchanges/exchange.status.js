"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.STATUS_IN_WORDS = exports.isClosedExchangeStatus = exports.CLOSED_EXCHANGE_STATUSES = void 0;
/** An exchange in one of these statuses refuses every further command. */
exports.CLOSED_EXCHANGE_STATUSES = ['completed', 'declined', 'cancelled'];
const isClosedExchangeStatus = (status) => exports.CLOSED_EXCHANGE_STATUSES.includes(status);
exports.isClosedExchangeStatus = isClosedExchangeStatus;
exports.STATUS_IN_WORDS = {
    proposed: 'proposed and awaiting the counterpart',
    accepted: 'accepted',
    completed: 'completed',
    declined: 'declined by the counterpart',
    cancelled: 'cancelled',
};
//# sourceMappingURL=exchange.status.js.map