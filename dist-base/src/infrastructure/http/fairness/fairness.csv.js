"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.fairnessCsv = void 0;
const services_1 = require("../../../domain/services");
/** RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled. */
const field = (value) => {
    const text = value === null ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const line = (values) => values.map(field).join(',');
const COLUMNS = [
    'isil', 'member', 'loansLent', 'loansBorrowed', 'ratio', 'goalRatio', 'distanceFromGoal', 'loadLevellingScore',
    'fillRate', 'turnaroundMedianHours', 'turnaroundP90Hours', 'openExchangeDebt', 'claimsFulfilled', 'claimsLapsed', 'holdings',
];
/**
 * One line per partner under a header row, CRLF line ends (RFC 4180). Every
 * service kind has a given and a received column, so the header does not
 * change with the data; absent figures (a ratio with nothing borrowed) are empty.
 */
const fairnessCsv = (report) => {
    const seen = report.partners.flatMap((p) => [...Object.keys(p.servicesGiven), ...Object.keys(p.servicesReceived)]);
    const kinds = [...new Set([...services_1.SERVICE_KINDS, ...seen.sort()])];
    const header = [...COLUMNS, ...kinds.map((k) => `servicesGiven.${k}`), ...kinds.map((k) => `servicesReceived.${k}`)];
    const rows = report.partners.map((partner) => [
        ...COLUMNS.map((column) => partner[column]),
        ...kinds.map((kind) => partner.servicesGiven[kind] ?? '0'),
        ...kinds.map((kind) => partner.servicesReceived[kind] ?? '0'),
    ]);
    return [header, ...rows].map(line).join('\r\n') + '\r\n';
};
exports.fairnessCsv = fairnessCsv;
//# sourceMappingURL=fairness.csv.js.map