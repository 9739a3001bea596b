"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.carryTotalsReading = exports.carryTotals = exports.inScope = exports.groupKey = exports.carryParts = exports.DAYS_PER_CARRY = exports.openingTexts = exports.OPENING_CHARS = exports.parseOpening = exports.parseSpread = void 0;
/**
 * A spread as the stores keep it, JSON of one flat array: each bucket in the
 * order it was first moved, followed by its sums (a number while it has at
 * most 15 digits, so below 2^53, else its decimal text); "[]" when nothing
 * is in it. Buckets are only ever added at the end, so the spread a group
 * had earlier lists its buckets first, in the same order: a difference of
 * two is taken bucket by bucket, by place.
 */
const parseSpread = (text) => JSON.parse(text);
exports.parseSpread = parseSpread;
/** A sum as a spread or an opening writes it: a number up to 15 digits, else its decimal text. */
const sumText = (sum) => {
    const digits = sum.toString();
    return digits.length < 16 ? digits : `"${digits}"`;
};
const spreadText = (spread) => {
    // Written by hand: every write of a group takes one, and JSON.stringify over a mapped copy took four times as long.
    const parts = [];
    for (const [bucket, sums] of spread) {
        parts.push(JSON.stringify(bucket));
        for (const sum of sums)
            parts.push(sumText(sum));
    }
    return `[${parts.join(',')}]`;
};
const parseOpening = (text) => JSON.parse(text);
exports.parseOpening = parseOpening;
/** One group's part of an opening's text (the parts joined by commas, in brackets). */
const openingPart = (scope, key, sums, spread) => {
    const parts = [];
    for (let i = scope; i < key.length; i++)
        parts.push(JSON.stringify(key[i]));
    for (const sum of sums)
        parts.push(sumText(sum));
    parts.push(spread ?? 'null');
    return parts.join(',');
};
/**
 * The most characters one row of an opening holds: a larger opening is kept
 * in several rows of the same day, each an Opening of its own, told apart
 * by the key's column after the day ('' for the first, then 1, 2, …; a
 * scope with no such column keeps one row). A string or an array of more
 * than 128 KB is one V8 allocates in pages of its own, fresh each time: a
 * 200 KB opening took 0.65 ms to hand over from SQLite, in its page
 * faults, where 120 KB took 0.006 ms.
 */
exports.OPENING_CHARS = 60_000;
/**
 * Parts `start` to `end` joined by commas, in brackets, as one flat string:
 * brackets concatenated around the join would make a string V8 copies whole
 * again when SQLite is handed it (in an allocation profile of a rebuild, the
 * openings' texts were a tenth of what it allocated).
 */
const bracketed = (parts, start, end) => {
    if (start === end)
        return '[]';
    const slice = parts.slice(start, end);
    slice[0] = `[${slice[0]}`;
    slice[slice.length - 1] = `${slice[slice.length - 1]}]`;
    return slice.join(',');
};
/** An opening's group parts (openingPart) as the texts of its rows, each at most `chars` long unless one part alone is longer; one "[]" for none. */
const openingTexts = (parts, chars) => {
    const texts = [];
    let start = 0;
    // The text of the row so far, were it closed now: its brackets, its parts and the commas between them.
    let length = 2;
    for (let i = 0; i < parts.length; i++) {
        if (i > start && length + 1 + parts[i].length > chars) {
            texts.push(bracketed(parts, start, i));
            [start, length] = [i, 2];
        }
        length += parts[i].length + (i > start ? 1 : 0);
    }
    texts.push(bracketed(parts, start, parts.length));
    return texts;
};
exports.openingTexts = openingTexts;
/** The UTC day of an ISO 8601 time, as every store stamps them. */
const dayOf = (time) => time.slice(0, 10);
/**
 * The most UTC days one carry spans, for running totals with openings: each
 * day a carry opens for a scope is an opening as large as the scope's groups
 * (an agreement's: some 200 KB for 200 partners), held until the carry's
 * groups are written. A batch folded in bulk spans about a week where the
 * log is dense, but the sparse end of a log put 90 days in one batch (450
 * openings, 180 MB more at the peak).
 */
exports.DAYS_PER_CARRY = 7;
/**
 * A batch's rows in the parts a store carries and writes one after another
 * (carryTotals, in the same transaction): all of them in one, or, with
 * openings, parts of at most DAYS_PER_CARRY UTC days; with marks
 * (RunningTotals.marks), parts of about `every` rows, after each of which a
 * copy may be taken. An event's rows stay in one part (a row at a group's
 * last position counts as counted).
 */
const carryParts = (running, rows) => {
    const every = running.marks?.every;
    if (running.openings === undefined && every === undefined)
        return [rows];
    const parts = [];
    let part = [];
    let days = new Set();
    let position;
    for (const row of rows) {
        const day = dayOf(running.timeOf(row));
        const at = running.positionOf(row);
        const manyDays = running.openings !== undefined && !days.has(day) && days.size >= exports.DAYS_PER_CARRY;
        const full = every !== undefined && part.length >= every;
        if (position !== undefined && at !== position && (manyDays || full)) {
            parts.push(part);
            [part, days] = [[], new Set()];
        }
        days.add(day);
        part.push(row);
        position = at;
    }
    if (part.length > 0)
        parts.push(part);
    return parts;
};
exports.carryParts = carryParts;
/** A group's key as one map key. */
const groupKey = (key) => key.join('\u0000');
exports.groupKey = groupKey;
/** Whether a group is one of a scope's (ScopeOpenings), the scope given by its first columns. */
const inScope = ({ scope, holds }, prefix, key) => {
    for (let i = 0; i < scope; i++)
        if (key[i] !== prefix[i])
            return false;
    return holds.includes(key[scope]);
};
exports.inScope = inScope;
const spreadOf = (group, width) => {
    if (group.spread !== undefined)
        return group.spread;
    const flat = (0, exports.parseSpread)(group.stored ?? '[]');
    group.spread = new Map();
    for (let i = 0; i < flat.length; i += 1 + width)
        group.spread.set(String(flat[i]), flat.slice(i + 1, i + 1 + width).map(BigInt));
    return group.spread;
};
/**
 * Counts a batch of rows, in log order, into the totals of their groups as
 * they were stored before the batch (`load` reads them, by groupKey, for the
 * keys of every group the batch moves): each row leaves
 * with its `carried` columns set to the sums of its groups after it, and the
 * groups it changed come back to be stored. A row at or before a stored
 * group's last position was counted by an earlier fold of its event (another
 * writer got there first) and is left out: it is stored already, so counting
 * it again would count it twice. Pure, so every store carries the same sums.
 *
 * With `laterMovesOf`, a second pass over the rows the first kept counts the
 * moves that depend on what the first carried, its groups loaded in one call
 * as the first's were. With `openings`, a row that opens its scope's day
 * adds the opening to the groups that come back, its scope's stored groups
 * read with `loadScope` (once a pass).
 */
const carryTotals = (running, rows, load, loadScope) => {
    if (running.openings !== undefined && loadScope === undefined)
        throw new Error('running totals with openings need their scope loaded');
    const copies = rows.map((row) => {
        const copy = Object.assign({}, row);
        for (const column of running.carried)
            copy[column] ??= null;
        for (const column of running.labels ?? [])
            copy[column] ??= null;
        return copy;
    });
    const first = carryPass(running, copies, rows.map((row) => running.movesOf(row)), load, loadScope);
    if (running.laterMovesOf === undefined)
        return first;
    const later = first.rows.map((row) => {
        const { labels, moves } = running.laterMovesOf(row);
        if (labels !== undefined)
            Object.assign(row, labels);
        return moves;
    });
    const second = carryPass(running, first.rows, later, load, loadScope);
    return { rows: second.rows, totals: [...first.totals, ...second.totals] };
};
exports.carryTotals = carryTotals;
/** One pass of carryTotals: each row (already a copy, set in place) with the moves given for it. */
const carryPass = (running, rows, movesOfRow, load, loadScope) => {
    const idsOf = movesOfRow.map((moves) => moves.map(({ key }) => (0, exports.groupKey)(key)));
    const keys = new Map();
    movesOfRow.forEach((moves, r) => moves.forEach(({ key }, m) => keys.set(idsOf[r][m], key)));
    const stored = keys.size === 0 ? new Map() : load([...keys.values()]);
    const moving = new Map();
    const out = [];
    const opened = [];
    const width = running.sums.length;
    /**
     * Per scope read (by groupKey of its prefix): the parts of its stored
     * groups, and the groups of it this pass has moved (their parts kept
     * until they move again), so a batch that opens many days of a scope
     * writes each group's part once for each time it moved.
     */
    const scopes = new Map();
    const scopeOf = ({ scope }, key) => (0, exports.groupKey)(key.slice(0, scope));
    /** What every group of the scope holds now: its stored groups, those this pass moved as they are; as groups of the totals, one per row (OPENING_CHARS). */
    const openingOf = (openings, prefix, day, position, time) => {
        const id = (0, exports.groupKey)(prefix);
        let read = scopes.get(id);
        if (read === undefined) {
            const parts = new Map();
            for (const [groupId, { key, sums, spread }] of loadScope(prefix))
                parts.set(groupId, openingPart(openings.scope, key, sums, spread));
            const moved = new Map();
            for (const [groupId, group] of moving)
                if ((0, exports.inScope)(openings, prefix, group.key))
                    moved.set(groupId, group);
            scopes.set(id, (read = { parts, moved }));
        }
        const parts = [];
        read.parts.forEach((part, groupId) => {
            if (!read.moved.has(groupId))
                parts.push(part);
        });
        for (const group of read.moved.values()) {
            group.part ??= openingPart(openings.scope, group.key, group.sums, group.spread === undefined ? group.stored : spreadText(group.spread));
            parts.push(group.part);
        }
        const rest = new Array(running.key.length - openings.scope - 2).fill('');
        const texts = rest.length === 0 ? [bracketed(parts, 0, parts.length)] : (0, exports.openingTexts)(parts, exports.OPENING_CHARS);
        return texts.map((spread, i) => ({
            key: [...prefix, openings.as, day, ...(i === 0 ? rest : [String(i), ...rest.slice(1)])],
            first: position, last: position, latest: time, disordered: 0n, sums: new Array(width).fill(0n), spread,
        }));
    };
    rows.forEach((row, r) => {
        const position = running.positionOf(row);
        const moves = movesOfRow[r];
        const ids = idsOf[r];
        if (ids.some((id) => (stored.get(id)?.last ?? -1n) >= position))
            return;
        const time = running.timeOf(row);
        const opens = running.openings === undefined ? -1 : moves.findIndex((move) => move.opens);
        if (opens >= 0) {
            // The scope's first row of a UTC day: its groups as they stood before it, before any of its moves.
            const latest = (moving.get(ids[opens]) ?? stored.get(ids[opens]))?.latest;
            if (latest === undefined || dayOf(time) > dayOf(latest)) {
                opened.push(...openingOf(running.openings, moves[opens].key.slice(0, running.openings.scope), dayOf(time), position, time));
            }
        }
        // What the row's last `set` changed each sum by, for a later move that adds it.
        let change = [];
        moves.forEach((move, m) => {
            const { key, into } = move;
            const id = ids[m];
            let group = moving.get(id);
            let first = false;
            if (group === undefined) {
                const before = stored.get(id);
                first = before === undefined;
                group = first
                    ? { key, first: position, last: position, latest: time, disordered: 0n, sums: new Array(width).fill(0n) }
                    : { key, first: before.first, last: before.last, latest: before.latest, disordered: before.disordered, sums: [...before.sums], stored: before.spread };
                moving.set(id, group);
                const { openings } = running;
                if (openings !== undefined && (0, exports.inScope)(openings, key.slice(0, openings.scope), key))
                    scopes.get(scopeOf(openings, key))?.moved.set(id, group);
            }
            group.part = undefined;
            const spread = move.spread === undefined ? undefined : spreadOf(group, width);
            if (!first && time < group.latest)
                group.disordered += 1n;
            if (time > group.latest)
                group.latest = time;
            group.last = position;
            if ('set' in move)
                change = group.sums.map((sum, i) => (move.set[i] ?? sum) - sum);
            const add = 'set' in move || move.add === 'change' ? change : move.add;
            for (let i = 0; i < width; i++)
                group.sums[i] += add[i] ?? 0n;
            if (spread !== undefined) {
                const bucket = spread.get(move.spread.bucket) ?? spread.set(move.spread.bucket, new Array(width).fill(0n)).get(move.spread.bucket);
                for (let i = 0; i < width; i++)
                    bucket[i] += add[i] ?? 0n;
            }
            for (let i = 0; i < (into?.length ?? 0); i++) {
                const column = into?.[i] ?? null;
                if (column !== null)
                    row[column] = group.sums[i];
            }
        });
        out.push(row);
    });
    const totals = [...moving.values()].map(({ stored, spread, ...group }) => {
        const kept = spread === undefined ? stored : spreadText(spread);
        return kept === undefined ? group : { ...group, spread: kept };
    });
    return { rows: out, totals: [...totals, ...opened] };
};
/**
 * carryTotals for a store that reads totals asynchronously (PostgreSQL): the
 * groups a batch moves are only known as it is carried (a second pass's keys
 * depend on what the first carried), so it is carried, the groups it asked
 * for and has not read are read, and it is carried again, until every group
 * it asks for has been read. Pure but for `read` and `readScope`. The first
 * pass's groups are known from the rows and read before the first carry, so
 * a batch is carried once, or twice with a second pass, and once more when
 * it opens a day (its scopes read once all its groups are); each read is
 * one query for all the groups it names, or for one scope.
 */
const carryTotalsReading = async (running, rows, read, readScope) => {
    const stored = new Map();
    const asked = new Set();
    const scopes = new Map();
    const readMissing = async (missing) => {
        const found = await read([...missing.values()]);
        for (const id of missing.keys())
            asked.add(id);
        for (const [id, totals] of found)
            stored.set(id, totals);
    };
    // The first pass's groups are known from the rows alone: read before the first carry, so only a second pass costs a round more.
    const first = new Map();
    for (const row of rows)
        for (const { key } of running.movesOf(row))
            first.set((0, exports.groupKey)(key), key);
    if (first.size > 0)
        await readMissing(first);
    for (;;) {
        const missing = new Map();
        const missingScopes = new Map();
        const loadScope = readScope && ((prefix) => {
            const id = (0, exports.groupKey)(prefix);
            const scope = scopes.get(id);
            if (scope === undefined)
                missingScopes.set(id, prefix);
            return scope ?? new Map();
        });
        const carried = (0, exports.carryTotals)(running, rows, (keys) => {
            for (const key of keys) {
                const id = (0, exports.groupKey)(key);
                if (!asked.has(id))
                    missing.set(id, key);
            }
            return stored;
        }, loadScope);
        // A scope only once every group is read: before that a row may seem to open a day it does not (its scope's group unread).
        if (missing.size > 0)
            await readMissing(missing);
        else if (missingScopes.size > 0)
            for (const [id, prefix] of missingScopes)
                scopes.set(id, await readScope(prefix));
        else
            return carried;
    }
};
exports.carryTotalsReading = carryTotalsReading;
//# sourceMappingURL=running-totals.js.map