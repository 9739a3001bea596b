import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { ExportHeader } from '../../application/audit/audit.service';
import type { RecordedEvent } from '../../application/ports/event-store.port';

/** A line of an export file that is not what `GET /v1/audit/export` writes. */
export class BadExportFile extends Error {
  constructor(file: string, line: number, why: string) {
    super(`${file}, line ${line}: ${why}`);
    this.name = 'BadExportFile';
  }
}

const isGzip = async (file: string): Promise<boolean> => {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
};

/** A line of an export starts with `{`: only a line that does not is trimmed to tell whether it is blank. */
const blank = (text: string): boolean => text.charCodeAt(0) !== 0x7b && text.trim() === '';

/**
 * The file's lines that are not blank, a chunk of the file at a time: split
 * here rather than by readline, whose per-line events cost more than the
 * checks of a line (a million lines in an export of a million events).
 */
async function* lineBatches(file: string): AsyncGenerator<Array<{ text: string; number: number }>> {
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  const input: Readable = (await isGzip(file)) ? raw.pipe(createGunzip({ chunkSize: 1 << 20 })) : raw;
  input.setEncoding('utf8');
  let number = 0;
  let rest = '';
  const line = (text: string) => ({ text: text.endsWith('\r') ? text.slice(0, -1) : text, number: (number += 1) });
  for await (const chunk of input as AsyncIterable<string>) {
    const text = rest + chunk;
    const batch: Array<{ text: string; number: number }> = [];
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      const found = line(text.slice(start, end));
      if (!blank(found.text)) batch.push(found);
      start = end + 1;
    }
    rest = text.slice(start);
    if (batch.length > 0) yield batch;
  }
  if (!blank(rest)) yield [line(rest)];
}

async function* lines(file: string): AsyncGenerator<{ text: string; number: number }> {
  for await (const batch of lineBatches(file)) yield* batch;
}

const parse = (file: string, line: { text: string; number: number }): unknown => {
  try {
    return JSON.parse(line.text);
  } catch {
    throw new BadExportFile(file, line.number, 'not JSON');
  }
};

/** An export read a chunk at a time (gzipped or not), in constant memory: its header, then its events, one by one or a chunk's worth at a time. */
export const readExport = async (
  file: string,
): Promise<{ header: ExportHeader; events: () => AsyncGenerator<RecordedEvent>; batches: () => AsyncGenerator<RecordedEvent[]> }> => {
  let header: ExportHeader | undefined;
  for await (const line of lines(file)) {
    header = parse(file, line) as ExportHeader;
    if (typeof header !== 'object' || header === null || !String(header.format).startsWith('resource-sharing-ledger/export@')) {
      throw new BadExportFile(file, line.number, 'the first line is not the header of a ledger export');
    }
    break;
  }
  if (header === undefined) throw new BadExportFile(file, 1, 'the file is empty');
  async function* batches(): AsyncGenerator<RecordedEvent[]> {
    let first = true;
    for await (const batch of lineBatches(file)) {
      const events: RecordedEvent[] = [];
      for (const line of batch) {
        if (first) {
          first = false;
          continue;
        }
        const event = parse(file, line) as RecordedEvent;
        if (typeof event !== 'object' || event === null || typeof event.position !== 'string' || typeof event.hash !== 'string') {
          throw new BadExportFile(file, line.number, 'not an event with its position and hash');
        }
        events.push(event);
      }
      if (events.length > 0) yield events;
    }
  }
  async function* events(): AsyncGenerator<RecordedEvent> {
    for await (const batch of batches()) yield* batch;
  }
  return { header, events, batches };
};
