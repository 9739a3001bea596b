import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
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

async function* lines(file: string): AsyncGenerator<{ text: string; number: number }> {
  const raw = createReadStream(file);
  const input: Readable = (await isGzip(file)) ? raw.pipe(createGunzip()) : raw;
  let number = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    number += 1;
    if (text.trim() !== '') yield { text, number };
  }
}

const parse = (file: string, line: { text: string; number: number }): unknown => {
  try {
    return JSON.parse(line.text);
  } catch {
    throw new BadExportFile(file, line.number, 'not JSON');
  }
};

/** An export read line by line (gzipped or not), in constant memory: its header, then its events. */
export const readExport = async (file: string): Promise<{ header: ExportHeader; events: () => AsyncGenerator<RecordedEvent> }> => {
  let header: ExportHeader | undefined;
  for await (const line of lines(file)) {
    header = parse(file, line) as ExportHeader;
    if (typeof header !== 'object' || header === null || !String(header.format).startsWith('resource-sharing-ledger/export@')) {
      throw new BadExportFile(file, line.number, 'the first line is not the header of a ledger export');
    }
    break;
  }
  if (header === undefined) throw new BadExportFile(file, 1, 'the file is empty');
  async function* events(): AsyncGenerator<RecordedEvent> {
    let first = true;
    for await (const line of lines(file)) {
      if (first) {
        first = false;
        continue;
      }
      const event = parse(file, line) as RecordedEvent;
      if (typeof event !== 'object' || event === null || typeof event.position !== 'string' || typeof event.hash !== 'string') {
        throw new BadExportFile(file, line.number, 'not an event with its position and hash');
      }
      yield event;
    }
  }
  return { header, events };
};
