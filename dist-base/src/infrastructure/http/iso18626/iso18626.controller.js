"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.Iso18626Controller = exports.ISO18626_MESSAGE_SCHEMA = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const canonicalize_1 = __importDefault(require("canonicalize"));
const node_crypto_1 = require("node:crypto");
const iso18626_inbound_service_1 = require("../../../application/iso18626/iso18626-inbound.service");
const iso18626_exchanges_1 = require("../../../application/iso18626/iso18626-exchanges");
const iso18626_1 = require("../../../domain/iso18626");
const clock_port_1 = require("../../../application/ports/clock.port");
const iso18626_schemas_1 = require("../../iso18626/iso18626.schemas");
const iso18626_xml_1 = require("../../iso18626/iso18626.xml");
const command_context_decorator_1 = require("../auth/command-context.decorator");
const roles_1 = require("../auth/roles");
const idempotency_1 = require("../idempotency/idempotency");
const fields_1 = require("../validation/fields");
const validation_1 = require("../validation/validation");
const iso18626_filter_1 = require("./iso18626.filter");
exports.ISO18626_MESSAGE_SCHEMA = 'Iso18626Message';
/** ISO 18626 on the wire: messages in, their confirmations out, and the kept messages of a loan. */
let Iso18626Controller = class Iso18626Controller {
    inbound;
    exchanges;
    clock;
    constructor(inbound, exchanges, clock) {
        this.inbound = inbound;
        this.exchanges = exchanges;
        this.clock = clock;
    }
    /**
     * A request, supplyingAgencyMessage or requestingAgencyMessage (version 1.2
     * or 2021-2), answered with its confirmation: OK, or ERROR with errorData,
     * always 200 and XML. The speaking agency must be the key's library.
     */
    async receive(request, context) {
        // Read from the request, not @Body(): the body is XML text, which the JSON validation pipe refuses.
        const body = request.body;
        const receivedAt = (request.iso18626ReceivedAt = this.clock.now());
        if (typeof body !== 'string')
            throw new iso18626_1.Iso18626Refusal('BadlyFormedMessage', 'send one ISO18626Message as XML (Content-Type application/xml or text/xml)');
        const read = (0, iso18626_xml_1.readMessage)(body);
        await (0, iso18626_schemas_1.assertSchemaValid)(body, read.version);
        const message = (0, iso18626_xml_1.inboundOf)(read);
        // A request can come only once under its ids: one sent again at a later time (a new header timestamp) is a repeat.
        // Later messages keep their timestamp in the digest, so a second Renew is a second renewal.
        const content = read.kind === 'request' ? { ...read.body, header: { ...read.body.header, timestamp: undefined } } : read.body;
        const digest = (0, node_crypto_1.createHash)('sha256').update((0, canonicalize_1.default)({ version: read.version, [read.kind]: content })).digest('hex');
        return this.inbound.receive({ message, version: read.version, xml: body, digest, receivedAt }, context, () => (0, iso18626_xml_1.renderConfirmation)({
            version: read.version,
            kind: read.kind,
            header: message.header,
            echo: message.kind === 'supplyingAgencyMessage' ? message.reasonForMessage : message.kind === 'requestingAgencyMessage' ? message.action : undefined,
            timestamp: this.clock.now().toISOString(),
            timestampReceived: receivedAt.toISOString(),
        }));
    }
    /** Every ISO 18626 message kept with the loan, in and out, oldest first, verbatim. */
    messages(loanId, { minPosition }) {
        return this.exchanges.of(loanId, minPosition);
    }
};
exports.Iso18626Controller = Iso18626Controller;
__decorate([
    (0, common_1.Post)('iso18626'),
    (0, common_1.HttpCode)(200),
    (0, roles_1.Roles)('librarian'),
    (0, idempotency_1.NotIdempotent)(),
    (0, common_1.UseFilters)(iso18626_filter_1.Iso18626ErrorFilter),
    (0, common_1.Header)('content-type', iso18626_filter_1.XML_CONTENT_TYPE),
    (0, swagger_1.ApiConsumes)('application/xml', 'text/xml'),
    (0, swagger_1.ApiProduces)('application/xml'),
    (0, swagger_1.ApiBody)({ schema: { $ref: `#/components/schemas/${exports.ISO18626_MESSAGE_SCHEMA}` } }),
    (0, swagger_1.ApiOkResponse)({ description: 'The confirmation: messageStatus OK, or ERROR with errorData (errors are never problem documents)', content: { 'application/xml': { schema: { $ref: `#/components/schemas/${exports.ISO18626_MESSAGE_SCHEMA}` } } } }),
    __param(0, (0, common_1.Req)()),
    __param(1, (0, command_context_decorator_1.Provenance)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], Iso18626Controller.prototype, "receive", null);
__decorate([
    (0, common_1.Get)('loans/:id/iso18626'),
    (0, roles_1.Roles)('coordinator', 'librarian', 'auditor'),
    __param(0, (0, common_1.Param)('id', (0, validation_1.UuidParam)('id'))),
    __param(1, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, fields_1.ReadYourWritesDto]),
    __metadata("design:returntype", void 0)
], Iso18626Controller.prototype, "messages", null);
exports.Iso18626Controller = Iso18626Controller = __decorate([
    (0, common_1.Controller)('v1'),
    __param(2, (0, common_1.Inject)(clock_port_1.CLOCK)),
    __metadata("design:paramtypes", [iso18626_inbound_service_1.Iso18626InboundService,
        iso18626_exchanges_1.Iso18626Exchanges, Object])
], Iso18626Controller);
//# sourceMappingURL=iso18626.controller.js.map