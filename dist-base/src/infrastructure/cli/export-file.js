"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readExport = exports.BadExportFile = void 0;
const node_fs_1 = require("node:fs");
const promises_1 = require("node:fs/promises");
const node_zlib_1 = require("node:zlib");
/** A line of an export file that is not what `GET /v1/audit/export` writes. */
class BadExportFile extends Error {
    constructor(file, line, why) {
        super(`${file}, line ${line}: ${why}`);
        this.name = 'BadExportFile';
    }
}
exports.BadExportFile = BadExportFile;
const isGzip = async (file) => {
    const handle = await (0, promises_1.open)(file, 'r');
    try {
        const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
        return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
    }
    finally {
        await handle.close();
    }
};
/** A line of an export starts with `{`: only a line that does not is trimmed to tell whether it is blank. */
const blank = (text) => text.charCodeAt(0) !== 0x7b && text.trim() === '';
/**
 * The file's lines that are not blank, a chunk of the file at a time: split
 * here rather than by readline, whose per-line events cost more than the
 * checks of a line (a million lines in an export of a million events).
 */
async function* lineBatches(file) {
    const raw = (0, node_fs_1.createReadStream)(file, { highWaterMark: 1 << 20 });
    const input = (await isGzip(file)) ? raw.pipe((0, node_zlib_1.createGunzip)({ chunkSize: 1 << 20 })) : raw;
    input.setEncoding('utf8');
    let number = 0;
    let rest = '';
    const line = (text) => ({ text: text.endsWith('\r') ? text.slice(0, -1) : text, number: (number += 1) });
    for await (const chunk of input) {
        const text = rest + chunk;
        const batch = [];
        let start = 0;
        for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
            const found = line(text.slice(start, end));
            if (!blank(found.text))
                batch.push(found);
            start = end + 1;
        }
        rest = text.slice(start);
        if (batch.length > 0)
            yield batch;
    }
    if (!blank(rest))
        yield [line(rest)];
}
async function* lines(file) {
    for await (const batch of lineBatches(file))
        yield* batch;
}
const parse = (file, line) => {
    try {
        return JSON.parse(line.text);
    }
    catch {
        throw new BadExportFile(file, line.number, 'not JSON');
    }
};
/** An export read a chunk at a time (gzipped or not), in constant memory: its header, then its events, one by one or a chunk's worth at a time. */
const readExport = async (file) => {
    let header;
    for await (const line of lines(file)) {
        header = parse(file, line);
        if (typeof header !== 'object' || header === null || !String(header.format).startsWith('resource-sharing-ledger/export@')) {
            throw new BadExportFile(file, line.number, 'the first line is not the header of a ledger export');
        }
        break;
    }
    if (header === undefined)
        throw new BadExportFile(file, 1, 'the file is empty');
    async function* batches() {
        let first = true;
        for await (const batch of lineBatches(file)) {
            const events = [];
            for (const line of batch) {
                if (first) {
                    first = false;
                    continue;
                }
                const event = parse(file, line);
                if (typeof event !== 'object' || event === null || typeof event.position !== 'string' || typeof event.hash !== 'string') {
                    throw new BadExportFile(file, line.number, 'not an event with its position and hash');
                }
                events.push(event);
            }
            if (events.length > 0)
                yield events;
        }
    }
    async function* events() {
        for await (const batch of batches())
            yield* batch;
    }
    return { header, events, batches };
};
exports.readExport = readExport;
//# sourceMappingURL=export-file.js.map