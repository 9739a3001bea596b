"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.shadowOf = exports.shadowName = exports.tableColumns = exports.isRowProjection = void 0;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const isRowProjection = (projection) => projection.kind === 'rows';
exports.isRowProjection = isRowProjection;
/**
 * The columns of a read model's tables, as every read store makes them: its
 * table's (a row read model's declared columns, those its running totals
 * carry and label; a document's id, sequence, document and a column per
 * indexed field) and, with running totals, their table's. A store checks a
 * table an older version left against them.
 */
const tableColumns = (projection) => {
    if (!(0, exports.isRowProjection)(projection))
        return { table: ['id', 'seq', 'doc', ...projection.indexed.map((field) => `ix_${field}`)], totals: [] };
    const running = projection.running;
    return {
        table: ['seq', ...Object.keys(projection.columns), ...(running?.carried ?? []), ...(running?.labels ?? [])],
        totals: running === undefined
            ? []
            : [...running.key, 'first_position', 'last_position', 'latest', 'disordered', ...running.sums, ...(running.spreads ? ['spread'] : [])],
    };
};
exports.tableColumns = tableColumns;
/** Where a read model is rebuilt beside the live one: the same projection under this name, switched in by ReadStore.promote. */
const shadowName = (name) => `${name}__next`;
exports.shadowName = shadowName;
/** The projection as its shadow: everything the same but the name, so the store keeps it in tables of their own. */
const shadowOf = (projection) => ({ ...projection, name: (0, exports.shadowName)(projection.name) });
exports.shadowOf = shadowOf;
//# sourceMappingURL=projection.js.map