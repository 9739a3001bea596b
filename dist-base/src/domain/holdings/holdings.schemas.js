"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.holdingsEventSchemas = void 0;
const event_schema_1 = require("../shared/event-schema");
const item = (0, event_schema_1.object)({ isbn13: event_schema_1.isbn13, title: event_schema_1.text }, { author: event_schema_1.text, year: event_schema_1.count, subjects: (0, event_schema_1.arrayOf)(event_schema_1.text), acquiredOn: event_schema_1.day });
exports.holdingsEventSchemas = {
    HoldingsRegistered: (0, event_schema_1.describe)('A library registered titles it holds (only those it did not hold already); feeds the union catalogue.', { isil: event_schema_1.isil, items: (0, event_schema_1.arrayOf)(item), registeredAt: event_schema_1.instant }),
    HoldingsWithdrawn: (0, event_schema_1.describe)('A library withdrew titles it held.', { isil: event_schema_1.isil, isbns: (0, event_schema_1.arrayOf)(event_schema_1.isbn13), withdrawnAt: event_schema_1.instant }),
};
//# sourceMappingURL=holdings.schemas.js.map