"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseXmlBodies = exports.XML_MEDIA_TYPES = void 0;
/** The media types an ISO 18626 message comes in. */
exports.XML_MEDIA_TYPES = ['application/xml', 'text/xml'];
/** XML bodies are kept as text, for the one route that reads them (POST /v1/iso18626) to check and keep verbatim. */
const parseXmlBodies = (app, bodyLimit) => {
    app.useBodyParser(exports.XML_MEDIA_TYPES, { bodyLimit }, (_request, body, done) => {
        done(null, Buffer.isBuffer(body) ? body.toString('utf8') : String(body));
    });
};
exports.parseXmlBodies = parseXmlBodies;
//# sourceMappingURL=xml-body.js.map