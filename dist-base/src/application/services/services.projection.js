"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.servicesProjection = exports.SERVICE_STATUSES = exports.SERVICES_PROJECTION = void 0;
const input_1 = require("../../domain/shared/input");
exports.SERVICES_PROJECTION = 'services';
exports.SERVICE_STATUSES = ['rendered', 'voided'];
const SERVICE_EVENTS = new Set(['ServiceRendered', 'ServiceVoided']);
const stamp = (event) => ({
    version: event.streamVersion,
    position: event.position,
    updatedAt: event.metadata.recordedAt,
});
exports.servicesProjection = {
    name: exports.SERVICES_PROJECTION,
    version: 1,
    handles: SERVICE_EVENTS,
    indexed: ['provider', 'recipient', 'kind', 'agreementId', 'status'],
    keyOf: (event) => event.data.serviceId,
    evolve: (view, recorded) => {
        const event = recorded;
        switch (event.type) {
            case 'ServiceRendered':
                return { ...event.data, status: 'rendered', ...stamp(recorded) };
            case 'ServiceVoided':
                return view === null
                    ? view
                    : { ...view, status: 'voided', voidedAt: event.data.voidedAt, ...(0, input_1.optional)('voidReason', event.data.reason), ...stamp(recorded) };
            default:
                return view;
        }
    },
};
//# sourceMappingURL=services.projection.js.map