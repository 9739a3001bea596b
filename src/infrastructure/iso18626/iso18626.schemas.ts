import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ISO18626_VERSIONS, Iso18626Refusal, type Iso18626ErrorType, type Iso18626Version } from '../../domain/iso18626';

/** The XSD of each version, as kept beside this file (see xsd/README.md). */
export const XSD_FILES: Readonly<Record<Iso18626Version, string>> = {
  '1.2': 'ISO-18626-v1_2.xsd',
  '2021-2': 'ISO-18626-2021-2.xsd',
};

/**
 * What runs in the validating thread: libxml2 compiled to WebAssembly
 * (libxml2-wasm: no native build), each version's XSD parsed and compiled
 * once when the thread starts, then every message parsed (no network, no
 * entity expansion) and validated against its version's compiled schema.
 *
 * A thread of its own because libxml2-wasm is an ES module with a top-level
 * await, which CommonJS cannot `require`; a worker can `import` it (so can
 * Jest's specs, whose module sandbox has no `import()`), and validating there
 * keeps the service's event loop free meanwhile.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ready = import(workerData.libxml2).then(({ XmlDocument, XsdValidator, ParseOption }) => {
  const validators = new Map();
  for (const [version, xsd] of Object.entries(workerData.schemas)) {
    const doc = XmlDocument.fromString(xsd, { url: version + '.xsd', option: ParseOption.XML_PARSE_NONET });
    try { validators.set(version, XsdValidator.fromDoc(doc)); } finally { doc.dispose(); }
  }
  return { XmlDocument, validators, option: ParseOption.XML_PARSE_NONET };
});
const findings = (error) => Array.isArray(error && error.details) && error.details.length > 0
  ? error.details.map((detail) => String(detail.message))
  : [String((error && error.message) || error)];
parentPort.on('message', async ({ id, xml, version }) => {
  let libxml2;
  try {
    libxml2 = await ready;
  } catch (error) {
    parentPort.postMessage({ id, failure: 'the ISO 18626 schemas could not be compiled: ' + findings(error).join('; ') });
    return;
  }
  let doc;
  try {
    // Text, decoded already: read as the UTF-8 it is passed in, whatever encoding its declaration names.
    doc = libxml2.XmlDocument.fromString(xml, { url: 'message.xml', option: libxml2.option, encoding: 'utf-8' });
    libxml2.validators.get(version).validate(doc);
    parentPort.postMessage({ id, errors: [] });
  } catch (error) {
    parentPort.postMessage({ id, errors: findings(error) });
  } finally {
    if (doc) doc.dispose();
  }
});
`;

type Answer = Readonly<{ id: number; errors?: string[]; failure?: string }>;
type Waiting = Readonly<{ resolve: (errors: string[]) => void; reject: (error: Error) => void }>;

/**
 * The validating thread, started on the first message and kept: it holds the
 * process open only while a message waits for it, and a thread that stopped
 * fails what it was asked and is started again on the next message.
 */
class SchemaThread {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, Waiting>();
  private next = 0;

  errors(xml: string, version: Iso18626Version): Promise<string[]> {
    const worker = this.worker ?? this.start();
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      if (this.waiting.size === 1) worker.ref();
      worker.postMessage({ id, xml, version });
    });
  }

  private start(): Worker {
    const schemas = Object.fromEntries(ISO18626_VERSIONS.map((version) => [version, readFileSync(join(__dirname, 'xsd', XSD_FILES[version]), 'utf8')]));
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { libxml2: pathToFileURL(require.resolve('libxml2-wasm')).href, schemas } });
    worker.unref();
    worker.on('message', ({ id, errors, failure }: Answer) => {
      const waiting = this.waiting.get(id);
      this.waiting.delete(id);
      if (this.waiting.size === 0) worker.unref();
      if (failure !== undefined) waiting?.reject(new Error(failure));
      else waiting?.resolve(errors ?? []);
    });
    worker.on('error', (error) => this.stopped(worker, error));
    worker.on('exit', (code) => this.stopped(worker, new Error(`the ISO 18626 schema validator stopped (exit code ${code})`)));
    return (this.worker = worker);
  }

  private stopped(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    for (const { reject } of this.waiting.values()) reject(error);
    this.waiting.clear();
  }
}

const thread = new SchemaThread();

/** What libxml2 said, without the namespace that every element name repeats. */
const plain = (message: string): string =>
  message.replace(/\{http:\/\/illtransactions\.org\/2013\/iso18626\}/g, '').replace(/^Schemas validity error : /, '').trim();

/** The standard's error type closest to what the schema refused. */
export const errorTypeOf = (message: string): Iso18626ErrorType => {
  if (/^Element 'action': \[facet 'enumeration'\]/.test(message)) return 'UnsupportedActionType';
  if (/^Element 'reasonForMessage': \[facet 'enumeration'\]/.test(message)) return 'UnsupportedReasonForMessageType';
  if (/This element is not expected/.test(message) && !/Missing child/.test(message)) return 'UnrecognisedDataElement';
  if (/\[facet '|is not a valid value|is not accepted by the pattern/.test(message)) return 'UnrecognisedDataValue';
  return 'BadlyFormedMessage';
};

/** The schema's findings on a message: none when it is valid. */
export const schemaErrors = async (xml: string, version: Iso18626Version): Promise<string[]> =>
  (await thread.errors(xml, version)).map(plain).filter((message) => message !== '');

/** Refuses a message its version's XSD does not accept, with the first finding as the error value. */
export const assertSchemaValid = async (xml: string, version: Iso18626Version): Promise<void> => {
  const errors = await schemaErrors(xml, version);
  if (errors.length === 0) return;
  throw new Iso18626Refusal(errorTypeOf(errors[0]), `not valid against the ISO 18626 ${version} schema: ${errors.slice(0, 3).join('; ')}`);
};
