"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readConfirmation = exports.renderOutbound = exports.renderConfirmation = exports.inboundOf = exports.confirmationFor = exports.readMessage = exports.ISO18626_NAMESPACE = void 0;
const fast_xml_parser_1 = require("fast-xml-parser");
const iso18626_1 = require("../../domain/iso18626");
const isbn_1 = require("../../domain/shared/isbn");
exports.ISO18626_NAMESPACE = 'http://illtransactions.org/2013/iso18626';
const KINDS = ['request', 'supplyingAgencyMessage', 'requestingAgencyMessage'];
const CONFIRMATIONS = Object.values(iso18626_1.CONFIRMATION_OF);
const parser = new fast_xml_parser_1.XMLParser({
    removeNSPrefix: true,
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
});
const builder = new fast_xml_parser_1.XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, indentBy: '  ', suppressEmptyNode: false });
const badlyFormed = (why) => new iso18626_1.Iso18626Refusal('BadlyFormedMessage', why);
/** The element's text: schemeValuePairs carry a `scheme` attribute beside it. */
const textOf = (value) => {
    if (typeof value === 'string')
        return value === '' ? undefined : value;
    if (value && typeof value === 'object' && '#text' in value)
        return textOf(value['#text']);
    return undefined;
};
const first = (value) => (Array.isArray(value) ? value[0] : value);
const node = (value) => (first(value) ?? {});
/**
 * Reads the root of a message: well-formed XML (no DOCTYPE: ISO 18626 has no
 * use for one, and entities are a way in), an ISO18626Message with a version
 * the ledger speaks and one child. Schema validity is checked after, against
 * the version's XSD.
 */
const readMessage = (xml) => {
    if (xml.trim() === '')
        throw badlyFormed('the body is empty: send one ISO18626Message in XML');
    if (/<!DOCTYPE/i.test(xml))
        throw badlyFormed('a DOCTYPE is not allowed in an ISO 18626 message');
    const wellFormed = fast_xml_parser_1.XMLValidator.validate(xml);
    if (wellFormed !== true)
        throw badlyFormed(`not well-formed XML: ${wellFormed.err.msg} (line ${wellFormed.err.line})`);
    const document = parser.parse(xml);
    const root = document.ISO18626Message;
    if (!root || typeof root !== 'object')
        throw badlyFormed('the root element must be ISO18626Message');
    const kind = Object.keys(root).find((key) => !key.startsWith('@_') && key !== '#text');
    if (kind === undefined)
        throw badlyFormed('ISO18626Message holds no message');
    const version = root['@_version'];
    if (!iso18626_1.ISO18626_VERSIONS.includes(version)) {
        throw new iso18626_1.Iso18626Refusal('UnrecognisedDataValue', `version ${String(version ?? '(none)')}: the ledger speaks ISO 18626 versions ${iso18626_1.ISO18626_VERSIONS.join(' and ')}`);
    }
    return { version: version, kind, body: node(root[kind]) };
};
exports.readMessage = readMessage;
/** The confirmation element answering a message element; a request's when the message is not one the ledger takes. */
const confirmationFor = (kind) => KINDS.includes(kind) ? iso18626_1.CONFIRMATION_OF[kind] : iso18626_1.CONFIRMATION_OF.request;
exports.confirmationFor = confirmationFor;
const agencyOf = (value, element) => {
    const agency = node(value);
    if (Object.keys(agency).length === 0)
        return undefined;
    const type = textOf(agency.agencyIdType);
    if (type !== undefined && type.toUpperCase() !== 'ISIL')
        throw new iso18626_1.Iso18626Refusal('UnrecognisedDataValue', `${element}/agencyIdType ${type}: the ledger knows agencies by ISIL`);
    return textOf(agency.agencyIdValue);
};
const headerOf = (body) => {
    const header = node(body.header);
    const requestingAgency = agencyOf(header.requestingAgencyId, 'requestingAgencyId');
    const requestingAgencyRequestId = textOf(header.requestingAgencyRequestId);
    if (!requestingAgency)
        throw badlyFormed('header/requestingAgencyId is required');
    if (!requestingAgencyRequestId)
        throw badlyFormed('header/requestingAgencyRequestId is required');
    const supplyingAgency = agencyOf(header.supplyingAgencyId, 'supplyingAgencyId');
    const supplyingAgencyRequestId = textOf(header.supplyingAgencyRequestId);
    return {
        requestingAgency, requestingAgencyRequestId,
        ...(supplyingAgency ? { supplyingAgency } : {}),
        ...(supplyingAgencyRequestId ? { supplyingAgencyRequestId } : {}),
    };
};
const isbnOf = (bibliographic) => {
    const ids = [bibliographic.bibliographicItemId].flat().filter(Boolean);
    const isbn = ids.find((id) => textOf(id.bibliographicItemIdentifierCode)?.toUpperCase() === 'ISBN');
    const value = isbn ? textOf(isbn.bibliographicItemIdentifier) : undefined;
    return value !== undefined && (0, isbn_1.isIsbn)(value) ? (0, isbn_1.toIsbn13)(value) : undefined;
};
const itemOf = (body) => {
    const bibliographic = node(body.bibliographicInfo);
    const publication = node(body.publicationInfo);
    const title = textOf(bibliographic.title);
    if (!title)
        throw badlyFormed('bibliographicInfo/title is required: the ledger records the item by its title');
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
const inboundOf = ({ kind, body }) => {
    if (!KINDS.includes(kind)) {
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
exports.inboundOf = inboundOf;
// ---- writing ----------------------------------------------------------------
const agency = (isil) => ({ agencyIdType: 'ISIL', agencyIdValue: isil });
const document = (version, kind, content) => `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({
    ISO18626Message: { '@_xmlns': exports.ISO18626_NAMESPACE, '@_xmlns:ill': exports.ISO18626_NAMESPACE, '@_ill:version': version, [kind]: content },
})}`;
/** The values a confirmation may echo, per version: an unknown one is not echoed (it would make the confirmation invalid). */
const ECHOABLE = {
    '1.2': new Set(['StatusRequest', 'Received', 'Cancel', 'Renew', 'ShippedReturn', 'ShippedForward', 'Notification',
        'RequestResponse', 'StatusRequestResponse', 'RenewResponse', 'CancelResponse', 'StatusChange']),
    '2021-2': new Set(['StatusRequest', 'Received', 'Cancel', 'Renew', 'HoldReturn', 'ShippedReturn', 'ShippedForward', 'Notification', 'Lost',
        'RequestResponse', 'StatusRequestResponse', 'RenewResponse', 'CancelResponse', 'StatusChange']),
};
/** The confirmation of a message, OK or ERROR with its errorData, in the message's version. */
const renderConfirmation = (fields) => {
    const { header = {}, kind, version } = fields;
    const confirmation = (0, exports.confirmationFor)(kind);
    const confirmationHeader = {
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
exports.renderConfirmation = renderConfirmation;
const messageHeader = (f) => ({
    supplyingAgencyId: agency(f.lender),
    requestingAgencyId: agency(f.borrower),
    // Required in 1.2 (empty when the request is for one item), optional and absent in 2021 for the agency messages.
    ...(f.version === '1.2' || f.message.kind === 'request' ? { multipleItemRequestId: '' } : {}),
    timestamp: f.timestamp,
    requestingAgencyRequestId: f.requestingAgencyRequestId,
    ...(f.supplyingAgencyRequestId && f.message.kind !== 'request' ? { supplyingAgencyRequestId: f.supplyingAgencyRequestId } : {}),
});
/** 2021 put the code before the identifier. */
const itemId = (version, isbn) => version === '1.2'
    ? { bibliographicItemIdentifier: isbn, bibliographicItemIdentifierCode: 'ISBN' }
    : { bibliographicItemIdentifierCode: 'ISBN', bibliographicItemIdentifier: isbn };
const bibliographicInfo = (version, item) => ({
    title: item.title,
    ...(item.author ? { author: item.author } : {}),
    ...(item.isbn ? { bibliographicItemId: itemId(version, item.isbn) } : {}),
});
const publicationInfo = (item) => item.publisher || item.year ? { publicationInfo: { ...(item.publisher ? { publisher: item.publisher } : {}), ...(item.year ? { publicationDate: String(item.year) } : {}) } } : {};
/** The message the standard prescribes, in the receiver's version. */
const renderOutbound = (f) => {
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
exports.renderOutbound = renderOutbound;
/** What a partner's endpoint answered: its messageStatus, and the supplyingAgencyRequestId it may name. */
const readConfirmation = (xml) => {
    try {
        const { body } = (0, exports.readMessage)(xml);
        const header = node(body.confirmationHeader);
        const status = textOf(header.messageStatus);
        return { messageStatus: status === 'OK' || status === 'ERROR' ? status : 'UNREADABLE' };
    }
    catch {
        return { messageStatus: 'UNREADABLE' };
    }
};
exports.readConfirmation = readConfirmation;
//# sourceMappingURL=iso18626.xml.js.map