import { XMLParser } from 'fast-xml-parser';
import { schemaErrors } from '../../../src/infrastructure/iso18626/iso18626.schemas';
import type { Iso18626Version } from '../../../src/domain/iso18626';

/**
 * ISO 18626 messages as partners' ILL systems write them. Their shape follows
 * the sample messages of Index Data's CrossLink broker
 * (github.com/indexdata/crosslink, broker/test/testdata/*.xml): a default
 * namespace, the `ill:` prefix on the qualified version attribute, an empty
 * multipleItemRequestId in 1.2 headers.
 */
const NS = 'xmlns="http://illtransactions.org/2013/iso18626" xmlns:ill="http://illtransactions.org/2013/iso18626"';
const STAMP = '2026-11-28T10:25:11.136Z';

export type Ids = Readonly<{ requester: string; supplier: string; requestId: string; supplierRequestId?: string; version?: Iso18626Version; timestamp?: string }>;

const agency = (element: string, isil: string) =>
  `<${element}><agencyIdType>ISIL</agencyIdType><agencyIdValue>${isil}</agencyIdValue></${element}>`;

const header = (ids: Ids, withMultiple: boolean) => `<header>
      ${agency('supplyingAgencyId', ids.supplier)}
      ${agency('requestingAgencyId', ids.requester)}
      ${withMultiple ? '<multipleItemRequestId></multipleItemRequestId>' : ''}
      <timestamp>${ids.timestamp ?? STAMP}</timestamp>
      <requestingAgencyRequestId>${ids.requestId}</requestingAgencyRequestId>
      ${ids.supplierRequestId ? `<supplyingAgencyRequestId>${ids.supplierRequestId}</supplyingAgencyRequestId>` : ''}
    </header>`;

const wrap = (version: Iso18626Version, body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<ISO18626Message ${NS} ill:version="${version}">\n  ${body}\n</ISO18626Message>\n`;

/** A patron as an ILL system names one in a request: the schema's patronInfo, with an address (the two versions alike). */
export const PATRON_INFO = `<patronInfo>
      <patronId>P-000417</patronId>
      <surname>Wulandari</surname>
      <givenName>Sri</givenName>
      <patronType>Adult</patronType>
      <sendToPatron>Y</sendToPatron>
      <address><electronicAddress><electronicAddressType>Email</electronicAddressType><electronicAddressData>sri.wulandari@example.org</electronicAddressData></electronicAddress></address>
    </patronInfo>`;

/** A request; with `patron` (an element of the request's last ones, as PATRON_INFO), that too, last. */
export const requestXml = (ids: Ids, title = 'Lord of the Rings', isbn = '9780261102385', patron?: string) => {
  const version = ids.version ?? '1.2';
  return wrap(version, `<request>
    ${header(ids, true)}
    <bibliographicInfo>
      <supplierUniqueRecordId>REC-1</supplierUniqueRecordId>
      <title>${title}</title>
      <author>JRR Tolkien</author>
      <bibliographicItemId>${version === '1.2'
        ? `<bibliographicItemIdentifier>${isbn}</bibliographicItemIdentifier><bibliographicItemIdentifierCode>ISBN</bibliographicItemIdentifierCode>`
        : `<bibliographicItemIdentifierCode>ISBN</bibliographicItemIdentifierCode><bibliographicItemIdentifier>${isbn}</bibliographicItemIdentifier>`}</bibliographicItemId>
    </bibliographicInfo>
    <publicationInfo><publicationDate>1954</publicationDate></publicationInfo>
    <serviceInfo>
      <requestType>New</requestType>
      <requestSubType>PatronRequest</requestSubType>
      <serviceType>Loan</serviceType>
    </serviceInfo>${patron === undefined ? '' : `\n    ${patron}`}
  </request>`);
};

export const supplierXml = (ids: Ids, status: string, reason = 'StatusChange', more: { answerYesNo?: 'Y' | 'N'; reasonUnfilled?: string; dueDate?: string } = {}) => {
  const version = ids.version ?? '1.2';
  return wrap(version, `<supplyingAgencyMessage>
    ${header(ids, version === '1.2')}
    <messageInfo>
      <reasonForMessage>${reason}</reasonForMessage>
      ${more.answerYesNo ? `<answerYesNo>${more.answerYesNo}</answerYesNo>` : ''}
      ${more.reasonUnfilled ? `<reasonUnfilled>${more.reasonUnfilled}</reasonUnfilled>` : ''}
    </messageInfo>
    <statusInfo>
      <status>${status}</status>
      ${more.dueDate ? `<dueDate>${more.dueDate}</dueDate>` : ''}
      <lastChange>${ids.timestamp ?? STAMP}</lastChange>
    </statusInfo>
  </supplyingAgencyMessage>`);
};

export const requesterXml = (ids: Ids, action: string, note?: string) => {
  const version = ids.version ?? '1.2';
  return wrap(version, `<requestingAgencyMessage>
    ${header(ids, version === '1.2')}
    <action>${action}</action>
    ${note ? `<note>${note}</note>` : ''}
  </requestingAgencyMessage>`);
};

const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false });

/** The parts of a message or confirmation a test looks at. */
export const parseIso = (xml: string) => {
  const root = (parser.parse(xml) as { ISO18626Message: Record<string, Record<string, unknown>> }).ISO18626Message;
  const kind = Object.keys(root).find((key) => !key.startsWith('@_'))!;
  return { version: root['@_version'] as unknown as string, kind, body: root[kind] as Record<string, any> };
};

export const confirmationOf = (xml: string) => {
  const { version, kind, body } = parseIso(xml);
  return {
    version,
    kind,
    messageStatus: body.confirmationHeader?.messageStatus as string,
    requestingAgency: body.confirmationHeader?.requestingAgencyId?.agencyIdValue as string | undefined,
    supplyingAgency: body.confirmationHeader?.supplyingAgencyId?.agencyIdValue as string | undefined,
    requestingAgencyRequestId: body.confirmationHeader?.requestingAgencyRequestId as string | undefined,
    errorType: body.errorData?.errorType as string | undefined,
    errorValue: body.errorData?.errorValue as string | undefined,
  };
};

/** The schema's findings on a message, against the XSD of the version it names. */
export const xsdErrors = (xml: string) => schemaErrors(xml, parseIso(xml).version as Iso18626Version);

const CONFIRMATION: Record<string, string> = {
  request: 'requestConfirmation',
  supplyingAgencyMessage: 'supplyingAgencyMessageConfirmation',
  requestingAgencyMessage: 'requestingAgencyMessageConfirmation',
};

/** The confirmation a partner's ILL system answers a message with: OK, its header echoed. */
export const confirmationFor = (xml: string): string => {
  const { version, kind, body } = parseIso(xml);
  const h = body.header;
  const echo = kind === 'supplyingAgencyMessage' ? `<reasonForMessage>${body.messageInfo.reasonForMessage}</reasonForMessage>` : kind === 'requestingAgencyMessage' ? `<action>${body.action}</action>` : '';
  return wrap(version as Iso18626Version, `<${CONFIRMATION[kind]}>
    <confirmationHeader>
      ${agency('supplyingAgencyId', h.supplyingAgencyId.agencyIdValue)}
      ${agency('requestingAgencyId', h.requestingAgencyId.agencyIdValue)}
      <timestamp>${STAMP}</timestamp>
      <requestingAgencyRequestId>${h.requestingAgencyRequestId}</requestingAgencyRequestId>
      <timestampReceived>${STAMP}</timestampReceived>
      <messageStatus>OK</messageStatus>
    </confirmationHeader>
    ${echo}
  </${CONFIRMATION[kind]}>`);
};
