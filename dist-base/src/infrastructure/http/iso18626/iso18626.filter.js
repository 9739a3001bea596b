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
Object.defineProperty(exports, "__esModule", { value: true });
exports.Iso18626ErrorFilter = exports.XML_CONTENT_TYPE = void 0;
const common_1 = require("@nestjs/common");
const clock_port_1 = require("../../../application/ports/clock.port");
const iso18626_1 = require("../../../domain/iso18626");
const iso18626_xml_1 = require("../../iso18626/iso18626.xml");
const problem_filter_1 = require("../problem/problem.filter");
exports.XML_CONTENT_TYPE = 'application/xml; charset=utf-8';
/**
 * Refusals of the body are the message's errors. The key is checked as on
 * every route (401, and 403 for a role that sends no messages: no ILL system
 * speaks with it); the service's own failures may be retried (409, 5xx).
 */
const ERROR_TYPE_OF_STATUS = {
    400: 'BadlyFormedMessage', 404: 'UnrecognisedDataValue', 413: 'BadlyFormedMessage', 415: 'BadlyFormedMessage',
};
const tryRead = (body) => {
    try {
        return typeof body === 'string' ? (0, iso18626_xml_1.readMessage)(body) : undefined;
    }
    catch {
        return undefined;
    }
};
const textAt = (value, ...path) => {
    let at = value;
    for (const key of path)
        at = at && typeof at === 'object' ? at[key] : undefined;
    return typeof at === 'string' && at !== '' ? at : undefined;
};
/** Whatever of the header could be read, echoed in the confirmation so the sender can match it. */
const headerOf = (read) => {
    const header = read?.body.header;
    const fields = {
        requestingAgency: textAt(header, 'requestingAgencyId', 'agencyIdValue'),
        supplyingAgency: textAt(header, 'supplyingAgencyId', 'agencyIdValue'),
        requestingAgencyRequestId: textAt(header, 'requestingAgencyRequestId'),
    };
    return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
};
/**
 * Answers a refused ISO 18626 message with the standard's confirmation,
 * messageStatus ERROR and its errorData, never with a problem document. Only
 * a key that may not send messages at all (401, 403 for its role) and the
 * service's own failures (a store that is down, a concurrent change) stay
 * problems, the latter with their 5xx or 409 so the sender retries.
 */
let Iso18626ErrorFilter = class Iso18626ErrorFilter {
    clock;
    constructor(clock) {
        this.clock = clock;
    }
    catch(error, host) {
        const http = host.switchToHttp();
        const request = http.getRequest();
        const reply = http.getResponse();
        const refusal = error instanceof iso18626_1.Iso18626Refusal ? error : undefined;
        const problem = refusal ? undefined : (0, problem_filter_1.toProblem)(error);
        const errorType = refusal?.errorType ?? (problem ? ERROR_TYPE_OF_STATUS[problem.status] : undefined);
        if (errorType === undefined) {
            void (0, problem_filter_1.sendProblem)(request, reply, error);
            return;
        }
        const read = tryRead(request.body);
        const now = this.clock.now().toISOString();
        const body = (0, iso18626_xml_1.renderConfirmation)({
            version: read?.version ?? '1.2',
            kind: read?.kind,
            header: headerOf(read),
            echo: textAt(read?.body, 'messageInfo', 'reasonForMessage') ?? textAt(read?.body, 'action'),
            timestamp: now,
            timestampReceived: request.iso18626ReceivedAt?.toISOString() ?? now,
            error: { errorType, errorValue: refusal?.errorValue ?? String(problem?.detail ?? problem?.title) },
        });
        void reply.status(200).header('content-type', exports.XML_CONTENT_TYPE).send(body);
    }
};
exports.Iso18626ErrorFilter = Iso18626ErrorFilter;
exports.Iso18626ErrorFilter = Iso18626ErrorFilter = __decorate([
    (0, common_1.Catch)(),
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(clock_port_1.CLOCK)),
    __metadata("design:paramtypes", [Object])
], Iso18626ErrorFilter);
//# sourceMappingURL=iso18626.filter.js.map