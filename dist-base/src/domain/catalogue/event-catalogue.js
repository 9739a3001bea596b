"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.involvedIsils = exports.categoryOf = exports.describeEvent = exports.EVENT_CATALOGUE = exports.STREAM_CATEGORIES = exports.EVENT_CATEGORIES = void 0;
const agreement_schemas_1 = require("../agreements/agreement.schemas");
const claim_schemas_1 = require("../claims/claim.schemas");
const exchange_schemas_1 = require("../exchanges/exchange.schemas");
const holdings_schemas_1 = require("../holdings/holdings.schemas");
const iso18626_schemas_1 = require("../iso18626/iso18626.schemas");
const loan_schemas_1 = require("../loans/loan.schemas");
const partner_schemas_1 = require("../partners/partner.schemas");
const rotation_schemas_1 = require("../rotations/rotation.schemas");
const service_schemas_1 = require("../services/service.schemas");
const event_schema_1 = require("../shared/event-schema");
/** The stream categories (the part of a stream id before its first hyphen) and the events each one holds. */
exports.EVENT_CATEGORIES = {
    partner: partner_schemas_1.partnerEventSchemas,
    agreement: agreement_schemas_1.agreementEventSchemas,
    loan: loan_schemas_1.loanEventSchemas,
    exchange: exchange_schemas_1.exchangeEventSchemas,
    rotation: rotation_schemas_1.rotationEventSchemas,
    claim: claim_schemas_1.claimEventSchemas,
    service: service_schemas_1.serviceEventSchemas,
    holdings: holdings_schemas_1.holdingsEventSchemas,
    iso18626: iso18626_schemas_1.iso18626EventSchemas,
};
exports.STREAM_CATEGORIES = Object.keys(exports.EVENT_CATEGORIES);
/** Every event type the ledger records, in category order. */
exports.EVENT_CATALOGUE = exports.STREAM_CATEGORIES.flatMap((category) => Object.entries(exports.EVENT_CATEGORIES[category]).map(([type, description]) => ({ type, category, ...description })));
const BY_TYPE = new Map(exports.EVENT_CATALOGUE.map((entry) => [entry.type, entry]));
const describeEvent = (type) => BY_TYPE.get(type);
exports.describeEvent = describeEvent;
/** `loan` for `loan-…`: the category of a stream id. */
const categoryOf = (streamId) => streamId.slice(0, Math.max(0, streamId.indexOf('-')));
exports.categoryOf = categoryOf;
const asSchema = (value) => (typeof value === 'object' && value !== null ? value : undefined);
/** The ISILs found where the schema places an ISIL: fields, array items and the keys of ISIL-keyed maps. */
const isilsIn = (schema, value, found) => {
    if (schema === undefined || value === null || value === undefined)
        return;
    if (schema === event_schema_1.isil) {
        if (typeof value === 'string')
            found.add(value.toUpperCase());
        return;
    }
    if (Array.isArray(value)) {
        for (const item of value)
            isilsIn(asSchema(schema.items), item, found);
        return;
    }
    if (typeof value !== 'object')
        return;
    const properties = asSchema(schema.properties) ?? {};
    for (const [key, inner] of Object.entries(value)) {
        if (schema.propertyNames === event_schema_1.isil)
            found.add(key.toUpperCase());
        isilsIn(asSchema(properties[key]) ?? asSchema(schema.additionalProperties), inner, found);
    }
};
/** The libraries an event involves, upper-cased, in the order the schema meets them; none for an unknown type. */
const involvedIsils = (type, data) => {
    const found = new Set();
    isilsIn((0, exports.describeEvent)(type)?.schema, data, found);
    return [...found];
};
exports.involvedIsils = involvedIsils;
//# sourceMappingURL=event-catalogue.js.map