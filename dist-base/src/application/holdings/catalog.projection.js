"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.catalogProjection = void 0;
const dates_1 = require("../../domain/shared/dates");
const input_1 = require("../../domain/shared/input");
const cooperation_facts_1 = require("../cooperation/cooperation-facts");
const CATALOG_EVENTS = new Set(['HoldingsRegistered', 'HoldingsWithdrawn', 'AcquisitionFulfilled']);
/** The ISBN-13s one event touches: a holdings event carries up to 10,000 titles. */
const keysOf = (recorded) => {
    const event = recorded;
    switch (event.type) {
        case 'HoldingsRegistered': return event.data.items.map((item) => item.isbn13);
        case 'HoldingsWithdrawn': return event.data.isbns;
        case 'AcquisitionFulfilled': return [event.data.isbn];
        default: return [];
    }
};
/** Adds a holder, or updates the one already there (a library that registers a title it bought under a claim). */
const withHolder = (holders, holder) => {
    const existing = holders.find((h) => h.isil === holder.isil);
    if (existing === undefined)
        return [...holders, holder];
    const acquiredOn = holder.acquiredOn ?? existing.acquiredOn;
    return holders.map((h) => (h === existing ? { isil: existing.isil, ...(0, input_1.optional)('acquiredOn', acquiredOn), registeredAt: existing.registeredAt } : h));
};
/**
 * What the first library said of the title stays; what it left out, a later
 * one may fill in.
 */
const described = (doc, isbn, item, at) => ({
    isbn,
    title: doc !== null && doc.title !== isbn ? doc.title : (item.title ?? doc?.title ?? isbn),
    ...(0, input_1.optional)('author', doc?.author ?? item.author),
    ...(0, input_1.optional)('year', doc?.year ?? item.year),
    ...(0, input_1.optional)('subjects', doc?.subjects ?? item.subjects),
    firstRegisteredAt: doc?.firstRegisteredAt ?? at,
});
/** An event's titles by ISBN, built once per event rather than searched once per title. */
const indexed = new WeakMap();
const itemsOf = (recorded, items) => {
    let byIsbn = indexed.get(recorded);
    if (byIsbn === undefined) {
        byIsbn = new Map(items.map((item) => [item.isbn13, item]));
        indexed.set(recorded, byIsbn);
    }
    return byIsbn;
};
const register = (doc, isbn, holder, item) => {
    const holders = withHolder(doc?.holders ?? [], holder);
    return { ...described(doc, isbn, item, holder.registeredAt), holders, lastAcquiredAt: latest(holders) };
};
const latest = (holders) => holders.reduce((max, h) => (h.registeredAt > max ? h.registeredAt : max), '');
const evolve = (doc, recorded, isbn) => {
    const event = recorded;
    switch (event.type) {
        case 'HoldingsRegistered': {
            const { isil, items, registeredAt } = event.data;
            const item = itemsOf(recorded, items).get(isbn);
            if (item === undefined)
                return doc;
            return register(doc, isbn, { isil, ...(0, input_1.optional)('acquiredOn', item.acquiredOn), registeredAt }, item);
        }
        case 'HoldingsWithdrawn': {
            if (doc === null)
                return doc;
            const holders = doc.holders.filter((holder) => holder.isil !== event.data.isil);
            return holders.length === 0 ? null : { ...doc, holders, lastAcquiredAt: latest(holders) };
        }
        case 'AcquisitionFulfilled': {
            const { claimant, title, fulfilledAt } = event.data;
            return register(doc, isbn, { isil: claimant, acquiredOn: (0, dates_1.dayOf)(new Date(fulfilledAt)), registeredAt: fulfilledAt }, { title });
        }
        default:
            return doc;
    }
};
/**
 * The union catalogue: one document per title (ISBN-13) while at least one
 * partner holds it. Registered holdings add holders, withdrawn ones remove
 * them, and a fulfilled acquisition claim makes the claimant a holder.
 */
exports.catalogProjection = {
    name: cooperation_facts_1.CATALOG_PROJECTION,
    version: 2,
    handles: CATALOG_EVENTS,
    // title: word search; lastAcquiredAt: the new-acquisitions list.
    indexed: ['title', 'lastAcquiredAt'],
    keyOf: (event) => keysOf(event)[0],
    keysOf,
    evolve,
};
//# sourceMappingURL=catalog.projection.js.map