import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  CONFIRMATION_OF, ISO18626_VERSIONS, Iso18626Refusal,
  type InboundMessage, type Iso18626ErrorType, type Iso18626Header, type Iso18626MessageKind, type Iso18626Version, type OutboundMessage,
} from '../../domain/iso18626';
import type { LoanItem } from '../../domain/loans';
import { isIsbn, toIsbn13 } from '../../domain/shared/isbn';

export const ISO18626_NAMESPACE = 'http://illtransactions.org/2013/iso18626';
const KINDS: readonly Iso18626MessageKind[] = ['request', 'supplyingAgencyMessage', 'requestingAgencyMessage'];
const CONFIRMATIONS = Object.values(CONFIRMATION_OF);

type Node = Record<string, unknown>;

/** How deep elements may nest below the root: far deeper than any ISO 18626 message (about six); the parser refuses more. */
export const MAX_XML_NESTING = 100;

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  maxNestedTags: MAX_XML_NESTING,
});

/** What XML 1.0 cannot carry, not even as a character reference: C0 controls but tab, LF and CR, lone surrogates, U+FFFE, U+FFFF. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Text as XML can carry it. Messages are written from events, and events
 * written before the HTTP API refused control characters may hold them: one
 * kept would make the message no XML at all, and refusing to write it would
 * hold up every later delivery to the partner. So such characters are
 * dropped (as the read stores' indexes drop a NUL); the events keep them.
 */
const asXmlText = (_name: string, value: unknown): unknown => (typeof value === 'string' ? value.replace(NOT_XML, '') : value);

const builder = new XMLBuilder({
  ignoreAttributes: false, attributeNamePrefix: '@_', format: true, indentBy: '  ', suppressEmptyNode: false,
  tagValueProcessor: asXmlText, attributeValueProcessor: asXmlText,
});

/** A message read far enough to know which it is and which schema checks it. */
export type ReadMessage = Readonly<{ version: Iso18626Version; kind: string; body: Node }>;

const badlyFormed = (why: string) => new Iso18626Refusal('BadlyFormedMessage', why);

/** The element's text: schemeValuePairs carry a `scheme` attribute beside it. */
const textOf = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (value && typeof value === 'object' && '#text' in value) return textOf((value as Node)['#text']);
  return undefined;
};
const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);
const node = (value: unknown): Node => ((first(value) ?? {}) as Node);

/**
 * Reads the root of a message: well-formed XML (no DOCTYPE: ISO 18626 has no
 * use for one, and entities are a way in), an ISO18626Message with a version
 * the ledger speaks and one child. Schema validity is checked after, against
 * the version's XSD.
 */
export const readMessage = (xml: string): ReadMessage => {
  if (xml.trim() === '') throw badlyFormed('the body is empty: send one ISO18626Message in XML');
  if (/<!DOCTYPE/i.test(xml)) throw badlyFormed('a DOCTYPE is not allowed in an ISO 18626 message');
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) throw badlyFormed(`not well-formed XML: ${wellFormed.err.msg} (line ${wellFormed.err.line})`);
  // Well-formed XML the parser still refuses (elements nested past its limit, a name such as __proto__ that
  // would reach into JavaScript objects) is the sender's to correct, not the service's failure.
  let document: Node;
  try {
    document = parser.parse(xml) as Node;
  } catch (error) {
    throw badlyFormed(`the XML could not be read: ${(error as Error).message}`);
  }
  const root = document.ISO18626Message as Node | undefined;
  if (!root || typeof root !== 'object') throw badlyFormed('the root element must be ISO18626Message');
  const kind = Object.keys(root).find((key) => !key.startsWith('@_') && key !== '#text');
  if (kind === undefined) throw badlyFormed('ISO18626Message holds no message');
  const version = root['@_version'];
  if (!ISO18626_VERSIONS.includes(version as Iso18626Version)) {
    throw new Iso18626Refusal('UnrecognisedDataValue', `version ${String(version ?? '(none)')}: the ledger speaks ISO 18626 versions ${ISO18626_VERSIONS.join(' and ')}`);
  }
  return { version: version as Iso18626Version, kind, body: node(root[kind]) };
};

/**
 * What a scan for patronInfo steps over whole (comments, CDATA sections,
 * processing instructions: what they hold is no markup), and patronInfo's
 * start, end and empty tags. A message that is well-formed has no `<` in an
 * attribute value or in text, and one valid against the schema carries no
 * attribute on patronInfo but namespace declarations, which hold no `>`: so
 * the scan finds exactly the element's extent.
 */
const PATRON_SCAN = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)(?:[\w.-]+:)?patronInfo(?=[\s/>])[^>]*?(\/?)>/g;

/**
 * A well-formed message without its patronInfo (the patron's id, name, type
 * and addresses) and the white space before it. The ledger keeps every
 * message in its log for good and shows it to every reader of the loan, and
 * it has no use for who the patron is: that stays between the patron's
 * library and its ILL system. The rest is kept as it came, byte for byte; a
 * message without one is returned as it is.
 */
export const withoutPatron = (xml: string): string => {
  const cuts: [number, number][] = [];
  let depth = 0;
  let start = 0;
  for (const match of xml.matchAll(PATRON_SCAN)) {
    const [tag, closing, empty] = match;
    if (closing === undefined) continue;
    const at = match.index;
    if (closing === '/') {
      depth -= 1;
      if (depth === 0) cuts.push([start, at + tag.length]);
    } else if (empty === '/') {
      if (depth === 0) cuts.push([at, at + tag.length]);
    } else {
      if (depth === 0) start = at;
      depth += 1;
    }
  }
  let kept = xml;
  for (const [from, to] of cuts.reverse()) kept = kept.slice(0, from).trimEnd() + kept.slice(to);
  return kept;
};

/**
 * The start tags of an ISO18626Message and of its first child, past an XML
 * declaration, comments and white space. A comment holds no `--`, so each
 * has one extent and a failed match cannot backtrack through their splits.
 */
const OPENING = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--(?:[^-]|-[^-])*-->\s*)*<(?:[\w.-]+:)?ISO18626Message\b([^>]*)>\s*(?:<!--(?:[^-]|-[^-])*-->\s*)*<(?:[\w.-]+:)?([\w.-]+)/;
const VERSION_ATTRIBUTE = /(?:^|\s)(?:[\w.-]+:)?version\s*=\s*(["'])([^"']*)\1/;

/**
 * After the opening (which ends inside its child's start tag): a header
 * element first in the child, whole, from its start tag (with the prefix it
 * has, if any) to the first end tag of the same name.
 */
const HEADER = /^[^>]*>\s*(?:<!--(?:[^-]|-[^-])*-->\s*)*(<((?:[\w.-]+:)?)header\b[^>]*>[\s\S]*?<\/\2header\s*>)/;

/**
 * The message's header, when it is the first element of the message and
 * well-formed on its own, as it still is in a message cut off at the size
 * limit or broken further on.
 */
const headerAfter = (xml: string, from: number): Node | undefined => {
  const header = HEADER.exec(xml.slice(from))?.[1];
  if (header === undefined || XMLValidator.validate(header) !== true) return undefined;
  try {
    return node((parser.parse(header) as Node).header);
  } catch {
    return undefined;
  }
};

/**
 * Which message a text opens with, for the confirmation of one that cannot
 * be read whole (cut off at the size limit, not well-formed): its kind, its
 * version when it is one the ledger speaks, and its header when that can be
 * read on its own, so that the confirmation can name the request it answers.
 */
export const readOpening = (xml: string): Readonly<{ kind?: string; version?: Iso18626Version; header?: Node }> => {
  const opening = OPENING.exec(xml);
  if (!opening) return {};
  const version = VERSION_ATTRIBUTE.exec(opening[1])?.[2] as Iso18626Version | undefined;
  const header = headerAfter(xml, opening.index + opening[0].length);
  return { kind: opening[2], ...(version !== undefined && ISO18626_VERSIONS.includes(version) ? { version } : {}), ...(header ? { header } : {}) };
};

/** The confirmation element answering a message element; a request's when the message is not one the ledger takes. */
export const confirmationFor = (kind: string | undefined): string =>
  KINDS.includes(kind as Iso18626MessageKind) ? CONFIRMATION_OF[kind as Iso18626MessageKind] : CONFIRMATION_OF.request;

const agencyOf = (value: unknown, element: string): string | undefined => {
  const agency = node(value);
  if (Object.keys(agency).length === 0) return undefined;
  const type = textOf(agency.agencyIdType);
  if (type !== undefined && type.toUpperCase() !== 'ISIL') throw new Iso18626Refusal('UnrecognisedDataValue', `${element}/agencyIdType ${type}: the ledger knows agencies by ISIL`);
  return textOf(agency.agencyIdValue);
};

const headerOf = (body: Node): Iso18626Header => {
  const header = node(body.header);
  const requestingAgency = agencyOf(header.requestingAgencyId, 'requestingAgencyId');
  const requestingAgencyRequestId = textOf(header.requestingAgencyRequestId);
  if (!requestingAgency) throw badlyFormed('header/requestingAgencyId is required');
  if (!requestingAgencyRequestId) throw badlyFormed('header/requestingAgencyRequestId is required');
  const supplyingAgency = agencyOf(header.supplyingAgencyId, 'supplyingAgencyId');
  const supplyingAgencyRequestId = textOf(header.supplyingAgencyRequestId);
  return {
    requestingAgency, requestingAgencyRequestId,
    ...(supplyingAgency ? { supplyingAgency } : {}),
    ...(supplyingAgencyRequestId ? { supplyingAgencyRequestId } : {}),
  };
};

const isbnOf = (bibliographic: Node): string | undefined => {
  const ids = [bibliographic.bibliographicItemId].flat().filter(Boolean) as Node[];
  const isbn = ids.find((id) => textOf(id.bibliographicItemIdentifierCode)?.toUpperCase() === 'ISBN');
  const value = isbn ? textOf(isbn.bibliographicItemIdentifier) : undefined;
  return value !== undefined && isIsbn(value) ? toIsbn13(value) : undefined;
};

const itemOf = (body: Node): LoanItem => {
  const bibliographic = node(body.bibliographicInfo);
  const publication = node(body.publicationInfo);
  const title = textOf(bibliographic.title);
  if (!title) throw badlyFormed('bibliographicInfo/title is required: the ledger records the item by its title');
  const isbn = isbnOf(bibliographic);
  const author = textOf(bibliographic.author);
  const publisher = textOf(publication.publisher);
  const year = /^(\d{4})/.exec(textOf(publication.publicationDate) ?? '')?.[1];
  return {
    title,
    ...(isbn ? { isbn } : {}),
    ...(author ? { author } : {}),
    ...(publisher ? { publisher } : {}),
    ...(year && Number(year) >= 1000 ? { year: Number(year) } : {}),
  };
};

/** The fields the ledger acts on, from a message its XSD has accepted. */
export const inboundOf = ({ kind, body }: ReadMessage): InboundMessage => {
  if (!KINDS.includes(kind as Iso18626MessageKind)) {
    throw badlyFormed(CONFIRMATIONS.includes(kind)
      ? `${kind} answers a message; send it as the answer to the ledger's message, not as a new one`
      : `${kind} is not an ISO 18626 message`);
  }
  const header = headerOf(body);
  switch (kind) {
    case 'request': {
      const serviceType = textOf(node(body.serviceInfo).serviceType);
      return { kind, header, item: itemOf(body), ...(serviceType ? { serviceType } : {}) };
    }
    case 'supplyingAgencyMessage': {
      const info = node(body.messageInfo);
      const statusInfo = node(body.statusInfo);
      const optional = {
        answerYesNo: textOf(info.answerYesNo), reasonUnfilled: textOf(info.reasonUnfilled), note: textOf(info.note),
        dueOn: textOf(statusInfo.dueDate)?.slice(0, 10),
      };
      return {
        kind, header, reasonForMessage: textOf(info.reasonForMessage) ?? '', status: textOf(statusInfo.status) ?? '',
        ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
      };
    }
    case 'requestingAgencyMessage': {
      const note = textOf(body.note);
      return { kind, header, action: textOf(body.action) ?? '', ...(note ? { note } : {}) };
    }
    default:
      throw badlyFormed(`${kind} is not an ISO 18626 message`);
  }
};

// ---- writing ----------------------------------------------------------------

const agency = (isil: string) => ({ agencyIdType: 'ISIL', agencyIdValue: isil });

const document = (version: Iso18626Version, kind: string, content: Node): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({
    ISO18626Message: { '@_xmlns': ISO18626_NAMESPACE, '@_xmlns:ill': ISO18626_NAMESPACE, '@_ill:version': version, [kind]: content },
  }) as string}`;

/** The values a confirmation may echo, per version: an unknown one is not echoed (it would make the confirmation invalid). */
const ECHOABLE: Readonly<Record<Iso18626Version, ReadonlySet<string>>> = {
  '1.2': new Set(['StatusRequest', 'Received', 'Cancel', 'Renew', 'ShippedReturn', 'ShippedForward', 'Notification',
    'RequestResponse', 'StatusRequestResponse', 'RenewResponse', 'CancelResponse', 'StatusChange']),
  '2021-2': new Set(['StatusRequest', 'Received', 'Cancel', 'Renew', 'HoldReturn', 'ShippedReturn', 'ShippedForward', 'Notification', 'Lost',
    'RequestResponse', 'StatusRequestResponse', 'RenewResponse', 'CancelResponse', 'StatusChange']),
};

export type ConfirmationFields = Readonly<{
  version: Iso18626Version;
  kind: string | undefined;
  header?: Partial<Iso18626Header>;
  /** The message's reasonForMessage or action, echoed as the standard asks. */
  echo?: string;
  timestamp: string;
  timestampReceived: string;
  error?: Readonly<{ errorType: Iso18626ErrorType; errorValue: string }>;
}>;

/** The confirmation of a message, OK or ERROR with its errorData, in the message's version. */
export const renderConfirmation = (fields: ConfirmationFields): string => {
  const { header = {}, kind, version } = fields;
  const confirmation = confirmationFor(kind);
  const confirmationHeader: Node = {
    ...(header.supplyingAgency ? { supplyingAgencyId: agency(header.supplyingAgency) } : {}),
    ...(header.requestingAgency ? { requestingAgencyId: agency(header.requestingAgency) } : {}),
    timestamp: fields.timestamp,
    ...(header.requestingAgencyRequestId ? { requestingAgencyRequestId: header.requestingAgencyRequestId } : {}),
    timestampReceived: fields.timestampReceived,
    messageStatus: fields.error ? 'ERROR' : 'OK',
  };
  const echo = fields.echo === undefined || !ECHOABLE[version].has(fields.echo) ? {}
    : confirmation === 'supplyingAgencyMessageConfirmation' ? { reasonForMessage: fields.echo }
    : confirmation === 'requestingAgencyMessageConfirmation' ? { action: fields.echo } : {};
  const errorData = fields.error ? { errorData: { errorType: fields.error.errorType, errorValue: fields.error.errorValue } } : {};
  return document(version, confirmation, { confirmationHeader, ...echo, ...errorData });
};

export type OutboundFields = Readonly<{
  version: Iso18626Version;
  message: OutboundMessage;
  lender: string;
  borrower: string;
  requestingAgencyRequestId: string;
  supplyingAgencyRequestId?: string;
  timestamp: string;
  /** For a request: the item as the borrower described it. */
  item?: LoanItem;
}>;

const messageHeader = (f: OutboundFields): Node => ({
  supplyingAgencyId: agency(f.lender),
  requestingAgencyId: agency(f.borrower),
  // Required in 1.2 (empty when the request is for one item), optional and absent in 2021 for the agency messages.
  ...(f.version === '1.2' || f.message.kind === 'request' ? { multipleItemRequestId: '' } : {}),
  timestamp: f.timestamp,
  requestingAgencyRequestId: f.requestingAgencyRequestId,
  ...(f.supplyingAgencyRequestId && f.message.kind !== 'request' ? { supplyingAgencyRequestId: f.supplyingAgencyRequestId } : {}),
});

/** 2021 put the code before the identifier. */
const itemId = (version: Iso18626Version, isbn: string): Node => version === '1.2'
  ? { bibliographicItemIdentifier: isbn, bibliographicItemIdentifierCode: 'ISBN' }
  : { bibliographicItemIdentifierCode: 'ISBN', bibliographicItemIdentifier: isbn };

const bibliographicInfo = (version: Iso18626Version, item: LoanItem): Node => ({
  title: item.title,
  ...(item.author ? { author: item.author } : {}),
  ...(item.isbn ? { bibliographicItemId: itemId(version, item.isbn) } : {}),
});

const publicationInfo = (item: LoanItem): Node =>
  item.publisher || item.year ? { publicationInfo: { ...(item.publisher ? { publisher: item.publisher } : {}), ...(item.year ? { publicationDate: String(item.year) } : {}) } } : {};

/** The message the standard prescribes, in the receiver's version. */
export const renderOutbound = (f: OutboundFields): string => {
  const { message } = f;
  switch (message.kind) {
    case 'request': {
      const item = f.item ?? { title: '(unknown)' };
      return document(f.version, 'request', {
        header: messageHeader(f),
        bibliographicInfo: bibliographicInfo(f.version, item),
        ...publicationInfo(item),
        serviceInfo: { requestType: 'New', serviceType: 'Loan', ...(item.note ? { note: item.note } : {}) },
      });
    }
    case 'supplyingAgencyMessage':
      return document(f.version, 'supplyingAgencyMessage', {
        header: messageHeader(f),
        messageInfo: {
          reasonForMessage: message.reasonForMessage,
          ...(message.answerYesNo ? { answerYesNo: message.answerYesNo } : {}),
          ...(message.reasonUnfilled ? { reasonUnfilled: message.reasonUnfilled } : {}),
        },
        statusInfo: {
          status: message.status,
          ...(message.dueOn ? { dueDate: `${message.dueOn}T23:59:59Z` } : {}),
          lastChange: f.timestamp,
        },
      });
    case 'requestingAgencyMessage': {
      // 1.2 has no action Lost: the loss goes as a Notification that says so.
      const lostIn12 = message.action === 'Lost' && f.version === '1.2';
      const note = lostIn12 ? `Lost${message.note ? `: ${message.note}` : ''}` : message.note;
      return document(f.version, 'requestingAgencyMessage', {
        header: messageHeader(f),
        action: lostIn12 ? 'Notification' : message.action,
        ...(note ? { note } : {}),
      });
    }
  }
};

/** What a partner's endpoint answered: its messageStatus, and the supplyingAgencyRequestId it may name. */
export const readConfirmation = (xml: string): { messageStatus: 'OK' | 'ERROR' | 'UNREADABLE'; supplyingAgencyRequestId?: string } => {
  try {
    const { body } = readMessage(xml);
    const header = node(body.confirmationHeader);
    const status = textOf(header.messageStatus);
    return { messageStatus: status === 'OK' || status === 'ERROR' ? status : 'UNREADABLE' };
  } catch {
    return { messageStatus: 'UNREADABLE' };
  }
};
