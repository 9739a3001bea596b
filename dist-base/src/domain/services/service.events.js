"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_UNIT = exports.SERVICE_KINDS = void 0;
/** The shared services a library renders for a partner (ARCHITECTURE §1). */
exports.SERVICE_KINDS = ['cataloguing', 'facility-access', 'training', 'reference'];
/** The unit a service is counted in when the command names none. */
exports.DEFAULT_UNIT = {
    cataloguing: 'records',
    'facility-access': 'visits',
    training: 'hours',
    reference: 'enquiries',
};
//# sourceMappingURL=service.events.js.map