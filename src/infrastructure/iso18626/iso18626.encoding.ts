import { charsetOf } from '../content-type';

/** A message's text, or why its bytes cannot be read as text. */
export type Decoded = Readonly<{ text: string }> | Readonly<{ unreadable: string }>;

type Encoding = Readonly<{ name: string; decode: (bytes: Buffer) => string }>;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const UTF_8: Encoding = { name: 'UTF-8', decode: (bytes) => utf8.decode(bytes) };
// Buffer's latin1 is ISO-8859-1 itself; TextDecoder's 'latin1' is windows-1252, which reads 0x80–0x9F otherwise.
const ISO_8859_1: Encoding = { name: 'ISO-8859-1', decode: (bytes) => bytes.toString('latin1') };
const US_ASCII: Encoding = {
  name: 'US-ASCII',
  decode: (bytes) => {
    if (bytes.some((byte) => byte > 0x7f)) throw new Error('a byte above 0x7F');
    return bytes.toString('latin1');
  },
};

/**
 * The encodings the ledger reads, by the names XML declarations and charsets
 * give them (IANA's, compared without case). A Map: an object would find
 * `constructor` or `__proto__` among its names.
 */
const ENCODINGS: ReadonlyMap<string, Encoding> = new Map(Object.entries({
  'utf-8': UTF_8, utf8: UTF_8,
  'iso-8859-1': ISO_8859_1, 'iso_8859-1': ISO_8859_1, 'iso_8859-1:1987': ISO_8859_1, latin1: ISO_8859_1, l1: ISO_8859_1,
  'us-ascii': US_ASCII, ascii: US_ASCII, 'iso646-us': US_ASCII,
}));
const READ = 'the ledger reads UTF-8, ISO-8859-1 and US-ASCII';

const UTF_8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const UTF_16_BOMS = [Buffer.from([0xfe, 0xff]), Buffer.from([0xff, 0xfe])];
/** The encoding in an XML declaration, which must open the document: `<?xml version="1.0" encoding="…"`. */
const DECLARED = /^<\?xml\s+version\s*=\s*(["'])[^"']*\1\s+encoding\s*=\s*(["'])([^"']*)\2/;

/**
 * The start of a message as text, as far as its markup goes: every encoding
 * the ledger reads writes markup in ASCII, so it is read as ISO-8859-1, past
 * a UTF-8 byte order mark. For what is named before the text can be read, and
 * for telling which message one is that cannot be read whole.
 */
export const startOf = (bytes: Buffer, length: number): string =>
  bytes.subarray(bytes.subarray(0, 3).equals(UTF_8_BOM) ? 3 : 0, length).toString('latin1');

/** Each encoding the message names, and where: its byte order mark, the Content-Type's charset, its XML declaration. */
const namedEncodings = (bytes: Buffer, contentType: string | undefined): Array<Readonly<{ by: string; name: string }>> => {
  const named: Array<{ by: string; name: string }> = [];
  const utf8Bom = bytes.subarray(0, 3).equals(UTF_8_BOM);
  if (utf8Bom) named.push({ by: 'its byte order mark', name: 'UTF-8' });
  else if (UTF_16_BOMS.some((bom) => bytes.subarray(0, 2).equals(bom))) named.push({ by: 'its byte order mark', name: 'UTF-16' });
  const charset = charsetOf(contentType);
  if (charset !== undefined) named.push({ by: 'the Content-Type\'s charset', name: charset });
  const declared = DECLARED.exec(startOf(bytes, 256));
  if (declared) named.push({ by: 'its XML declaration', name: declared[3] });
  return named;
};

/**
 * The text of an XML message (one sent to the ledger, or a partner's answer
 * to one the ledger sent), read in the encoding it names (UTF-8 when it names
 * none, as XML says); or why it cannot be read: it names an encoding the
 * ledger does not read, or two, or its bytes are not text in the one it names.
 */
export const decodeXml = (bytes: Buffer, contentType: string | undefined): Decoded => {
  const named = namedEncodings(bytes, contentType).map((found) => ({ ...found, encoding: ENCODINGS.get(found.name.toLowerCase()) }));
  const unknown = named.find(({ encoding }) => encoding === undefined);
  if (unknown) return { unreadable: `${unknown.by} names the encoding ${unknown.name}: ${READ}` };
  const [first] = named;
  const other = named.find(({ encoding }) => encoding !== first.encoding);
  if (other) return { unreadable: `${first.by} names ${first.name} but ${other.by} names ${other.name}: name one encoding` };
  const encoding = first?.encoding ?? UTF_8;
  try {
    return { text: encoding.decode(bytes) };
  } catch {
    return { unreadable: `the body is not ${encoding.name} text, ${first ? `as ${first.by} says it is` : 'as a message that names no encoding must be'}` };
  }
};
