"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.partnerEventSchemas = void 0;
const event_schema_1 = require("../shared/event-schema");
const profile = {
    name: { type: 'string', examples: ['Perpustakaan Nasional RI'] },
    country: { type: 'string', pattern: '^[A-Z]{2}$', examples: ['ID'] },
    city: { type: 'string', examples: ['Jakarta'] },
    contactEmail: { type: 'string', examples: ['ill@example.org'] },
    focalPoint: { type: 'boolean' },
};
const { name, focalPoint, ...optionalProfile } = profile;
exports.partnerEventSchemas = {
    PartnerRegistered: (0, event_schema_1.describe)('A coordinator added a library to the network directory.', { isil: event_schema_1.isil, name, focalPoint, registeredAt: event_schema_1.instant }, optionalProfile),
    PartnerProfileUpdated: (0, event_schema_1.describe)('Some fields of a partner profile changed (only those are given).', { isil: event_schema_1.isil, updatedAt: event_schema_1.instant }, profile),
    PartnerSuspended: (0, event_schema_1.describe)('A partner may no longer take part in new acts until reinstated.', { isil: event_schema_1.isil, reason: event_schema_1.text, suspendedAt: event_schema_1.instant }),
    PartnerReinstated: (0, event_schema_1.describe)('A suspended partner may take part again.', { isil: event_schema_1.isil, reinstatedAt: event_schema_1.instant }, { reason: event_schema_1.text }),
    PartnerLeft: (0, event_schema_1.describe)('A partner left the network.', { isil: event_schema_1.isil, leftAt: event_schema_1.instant }, { reason: event_schema_1.text }),
};
//# sourceMappingURL=partner.schemas.js.map