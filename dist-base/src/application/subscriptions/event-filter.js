"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.matches = exports.visibleTo = exports.ANY_EVENT = void 0;
exports.ANY_EVENT = { types: [], categories: [], partners: [] };
const allows = (wanted, value) => wanted.length === 0 || wanted.includes(value);
const visibleTo = (viewer, rendered) => viewer.role !== 'librarian' || (viewer.library !== undefined && rendered.isils.includes(viewer.library.toUpperCase()));
exports.visibleTo = visibleTo;
const matches = (filter, viewer) => (rendered) => (0, exports.visibleTo)(viewer, rendered) &&
    allows(filter.types, rendered.event.type) &&
    allows(filter.categories, rendered.category) &&
    (filter.partners.length === 0 || filter.partners.some((isil) => rendered.isils.includes(isil)));
exports.matches = matches;
//# sourceMappingURL=event-filter.js.map