"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readDayOrInstant = exports.isCalendarDate = exports.readInstant = exports.isPastDue = exports.addDays = exports.dayOf = void 0;
/**
 * Days and instants, read and compared one way everywhere: a day is
 * YYYY-MM-DD (UTC), an instant is an ISO 8601 date-time with a zone, written
 * as `toISOString` writes it, so both compare as text.
 */
const DAY_MS = 86_400_000;
/** The UTC calendar day of an instant, comparable as a string with YYYY-MM-DD dates. */
const dayOf = (now) => now.toISOString().slice(0, 10);
exports.dayOf = dayOf;
/** A calendar date (YYYY-MM-DD, UTC) a number of days after an instant. */
const addDays = (from, days) => new Date(new Date(from).getTime() + days * DAY_MS).toISOString().slice(0, 10);
exports.addDays = addDays;
/** True once the whole due day has passed (an item due today is not yet overdue). */
const isPastDue = (dueOn, now) => dueOn < (0, exports.dayOf)(now);
exports.isPastDue = isPastDue;
/** Date and time with a zone: an instant, not a local time or a whole day (whose end would be ambiguous). */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/**
 * An ISO 8601 instant, rewritten as `toISOString` writes the events'
 * `recordedAt` (UTC, milliseconds), so a cut compares like with like; null
 * for anything else. Digits beyond the millisecond are dropped: recordedAt has
 * none, so "at or before" is unchanged. Impossible dates (2025-02-30) are
 * refused, not rolled over.
 */
const readInstant = (value) => {
    if (typeof value !== 'string')
        return null;
    const match = INSTANT.exec(value);
    if (match === null)
        return null;
    const [, y, mo, d, h, mi, s = '0', fraction = '', zone, sign, oh, om] = match;
    const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
    if (hour > 23 || minute > 59 || second > 59)
        return null;
    if (zone !== 'Z' && (Number(oh) > 23 || Number(om) > 59))
        return null;
    const date = new Date(0);
    date.setUTCFullYear(year, month - 1, day);
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
        return null;
    date.setUTCHours(hour, minute, second, Number(fraction.padEnd(3, '0').slice(0, 3)));
    const offsetMinutes = zone === 'Z' ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
    const instant = new Date(date.getTime() - offsetMinutes * 60_000).toISOString();
    // A zone shift past year 9999 or before 0000 would write a six-digit year that no longer sorts as text.
    return /^\d{4}-/.test(instant) ? instant : null;
};
exports.readInstant = readInstant;
/** A real calendar day written YYYY-MM-DD (so 2025-02-30 is refused, not rolled over). */
const isCalendarDate = (value) => typeof value === 'string' && DAY.test(value) && (0, exports.readInstant)(`${value}T00:00:00Z`) !== null;
exports.isCalendarDate = isCalendarDate;
/** A calendar day (its first instant, UTC) or an ISO 8601 instant with a zone, as `toISOString` writes it; null for anything else. */
const readDayOrInstant = (value) => typeof value === 'string' && DAY.test(value) ? (0, exports.readInstant)(`${value}T00:00:00Z`) : (0, exports.readInstant)(value);
exports.readDayOrInstant = readDayOrInstant;
//# sourceMappingURL=dates.js.map