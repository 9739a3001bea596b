"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseItems = exports.checkItinerary = exports.parseItinerary = exports.legOf = exports.MAX_HOST_DAYS = exports.MAX_ROTATION_ITEMS = void 0;
const errors_1 = require("../shared/errors");
const input_1 = require("../shared/input");
const isbn_1 = require("../shared/isbn");
const isil_1 = require("../shared/isil");
const rotation_errors_1 = require("./rotation.errors");
exports.MAX_ROTATION_ITEMS = 1000;
exports.MAX_HOST_DAYS = 365;
const legOf = (owner, itinerary, stage) => ({
    from: stage === 0 ? owner : itinerary[stage - 1].host,
    to: stage === itinerary.length ? owner : itinerary[stage].host,
});
exports.legOf = legOf;
/** The itinerary's shape: at least one stop, each an ISIL kept 1 to 365 days. */
const parseItinerary = (stops) => {
    if (!Array.isArray(stops) || stops.length < 1)
        throw new errors_1.InvalidValue('itinerary', 'itinerary must list at least one host');
    return stops.map((stop, index) => {
        const field = `itinerary[${index}]`;
        if (typeof stop !== 'object' || stop === null)
            throw new errors_1.InvalidValue(field, `${field} must name a host and days`);
        const host = (0, isil_1.toIsil)(stop.host, `${field}.host`);
        return { host, days: (0, input_1.requireIntegerBetween)(stop.days, 1, exports.MAX_HOST_DAYS, `${field}.days`) };
    });
};
exports.parseItinerary = parseItinerary;
/** The batch leaves its owner and comes home once; a host may come round again, but not twice running. */
const checkItinerary = (owner, itinerary) => itinerary.forEach(({ host }, index) => {
    if (host === owner)
        throw new rotation_errors_1.OwnerCannotHost(index);
    if (index > 0 && host === itinerary[index - 1].host)
        throw new rotation_errors_1.HostRepeatedInARow(index, host);
});
exports.checkItinerary = checkItinerary;
const parseItems = (items) => {
    const seen = new Set();
    return (0, input_1.requireList)(items, 1, exports.MAX_ROTATION_ITEMS, 'items').map((item, index) => {
        const field = `items[${index}]`;
        if (typeof item !== 'object' || item === null)
            throw new errors_1.InvalidValue(field, `${field} must be an item with an id and a title`);
        const itemId = (0, input_1.requireText)(item.itemId, `${field}.itemId`);
        if (seen.has(itemId))
            throw new rotation_errors_1.DuplicateRotationItem(index, itemId);
        seen.add(itemId);
        const title = (0, input_1.requireText)(item.title, `${field}.title`);
        const { isbn } = item;
        return { itemId, title, ...(isbn === undefined ? {} : { isbn: (0, isbn_1.toIsbn13)(isbn, `${field}.isbn`) }) };
    });
};
exports.parseItems = parseItems;
//# sourceMappingURL=rotation.plan.js.map