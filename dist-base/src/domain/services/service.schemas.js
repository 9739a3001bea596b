"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.serviceEventSchemas = void 0;
const event_schema_1 = require("../shared/event-schema");
const service_events_1 = require("./service.events");
const keys = {
    serviceId: event_schema_1.id,
    agreementId: event_schema_1.id,
    provider: event_schema_1.isil,
    recipient: event_schema_1.isil,
    kind: { enum: [...service_events_1.SERVICE_KINDS] },
    units: { type: 'number', exclusiveMinimum: 0, examples: [2.5] },
    unit: { type: 'string', examples: ['hours'] },
    renderedOn: event_schema_1.day,
};
exports.serviceEventSchemas = {
    ServiceRendered: (0, event_schema_1.describe)('A library rendered a shared service to a partner; the ledger posts its units.', { ...keys, renderedAt: event_schema_1.instant }, { note: event_schema_1.text }),
    ServiceVoided: (0, event_schema_1.describe)('A recorded service was voided; the ledger posts the reverse.', { ...keys, reason: event_schema_1.text, voidedAt: event_schema_1.instant }),
};
//# sourceMappingURL=service.schemas.js.map