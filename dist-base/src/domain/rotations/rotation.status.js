"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.STATUS_IN_WORDS = exports.isClosedRotationStatus = exports.CLOSED_ROTATION_STATUSES = void 0;
/** A rotation in one of these statuses refuses every further command. */
exports.CLOSED_ROTATION_STATUSES = ['completed', 'cancelled'];
const isClosedRotationStatus = (status) => exports.CLOSED_ROTATION_STATUSES.includes(status);
exports.isClosedRotationStatus = isClosedRotationStatus;
exports.STATUS_IN_WORDS = {
    planned: 'planned and still with its owner',
    'in-transit': 'in transit',
    'at-host': 'with a host',
    completed: 'completed',
    cancelled: 'cancelled',
};
//# sourceMappingURL=rotation.status.js.map