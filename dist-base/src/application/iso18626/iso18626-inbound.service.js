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
exports.Iso18626InboundService = exports.loanIdOfRequest = void 0;
const common_1 = require("@nestjs/common");
const cqrs_1 = require("@nestjs/cqrs");
const node_crypto_1 = require("node:crypto");
const uuid_1 = require("uuid");
const iso18626_1 = require("../../domain/iso18626");
const loans_1 = require("../../domain/loans");
const decider_1 = require("../../domain/shared/decider");
const errors_1 = require("../../domain/shared/errors");
const isil_1 = require("../../domain/shared/isil");
const command_ids_1 = require("../commands/command-ids");
const cooperation_facts_1 = require("../cooperation/cooperation-facts");
const streams_1 = require("../cooperation/streams");
const loan_messages_1 = require("../loans/loan.messages");
const clock_port_1 = require("../ports/clock.port");
const event_store_port_1 = require("../ports/event-store.port");
/** Namespace of the ids derived for ISO 18626 transactions and messages (a fixed, random UUID). */
const NAMESPACE = '8e0c6d3a-2f4b-4c71-9a5e-d1b7c3f9e260';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const sha256 = (text) => (0, node_crypto_1.createHash)('sha256').update(text).digest('hex');
/**
 * The seed of a loan requested over ISO 18626: the requester and its request
 * id, so the loan's id follows from them and a later message naming them finds it.
 */
const requestSeed = (requester, requestId) => sha256(`iso18626\n${requester}\n${requestId}`);
const loanIdOfRequest = (requester, requestId) => (0, command_ids_1.commandIds)({ next: () => '' }, requestSeed(requester, requestId)).aggregateId();
exports.loanIdOfRequest = loanIdOfRequest;
/** The key of the stream that names a loan by a supplier's own request id. */
const supplierIdKey = (supplier, requestId) => (0, uuid_1.v5)(`supplier\n${supplier}\n${requestId}`, NAMESPACE);
const refuseValue = (what, why) => new iso18626_1.Iso18626Refusal('UnrecognisedDataValue', `${what}: ${why}`);
const isilOf = (value, element) => {
    if (value === undefined || !(0, isil_1.isIsil)(value))
        throw refuseValue(`${element} ${value ?? '(none)'}`, 'not an ISIL (ISO 15511)');
    return (0, isil_1.normalIsil)(value);
};
/**
 * ISO 18626 in: a partner's ILL system drives its loans with the standard's
 * messages. Each is checked against the key (the speaking agency must be the
 * key's library), mapped to the loan commands, and kept verbatim with its
 * confirmation on the loan's `iso18626-` stream. A repeat is answered with
 * the first confirmation and records nothing.
 */
let Iso18626InboundService = class Iso18626InboundService {
    commands;
    facts;
    store;
    clock;
    constructor(commands, facts, store, clock) {
        this.commands = commands;
        this.facts = facts;
        this.store = store;
        this.clock = clock;
    }
    async receive(received, context, confirm) {
        const { message } = received;
        const speaker = (0, iso18626_1.speakerOf)(message);
        const library = context.actor.library;
        if (context.actor.role !== 'librarian' || library === undefined) {
            throw refuseValue(speaker.element, 'ISO 18626 messages are sent with a librarian key bound to the agency that speaks');
        }
        if (speaker.agency === undefined || (0, isil_1.normalIsil)(speaker.agency) !== library) {
            throw refuseValue(`${speaker.element} ${speaker.agency ?? '(none)'}`, `this key acts for ${library} only`);
        }
        const borrower = isilOf(message.header.requestingAgency, 'requestingAgencyId');
        const lender = isilOf(message.header.supplyingAgency, 'supplyingAgencyId');
        const { requestingAgencyRequestId, supplyingAgencyRequestId } = message.header;
        const loanId = message.kind === 'request'
            ? (0, exports.loanIdOfRequest)(borrower, requestingAgencyRequestId)
            : await this.loanNamed(borrower, lender, requestingAgencyRequestId, supplyingAgencyRequestId);
        const kept = await this.keptAnswer(loanId, received.digest);
        if (kept !== null)
            return kept;
        // The supplier's own id names one loan only: checked before anything is recorded, named once the message is kept.
        const naming = message.kind === 'supplyingAgencyMessage' && supplyingAgencyRequestId !== undefined
            ? await this.supplierIdToName(lender, supplyingAgencyRequestId, loanId)
            : undefined;
        if (message.kind === 'request')
            await this.request(message, borrower, lender, context);
        else
            await this.act(message, await this.loan(loanId), received.digest, context);
        const confirmation = await this.keep(loanId, borrower, lender, received, confirm(), context);
        if (naming !== undefined)
            await this.nameSupplierId(naming, { loanId, lender, borrower, supplyingAgencyRequestId: supplyingAgencyRequestId, namedAt: received.receivedAt.toISOString() }, context);
        return confirmation;
    }
    /**
     * The loan a later message names: by the requester's request id, or the
     * ledger's own loan id, else by the supplier's own request id.
     */
    async loanNamed(borrower, lender, requestId, supplierRequestId) {
        const candidates = [(0, exports.loanIdOfRequest)(borrower, requestId), ...(UUID.test(requestId) ? [requestId.toLowerCase()] : [])];
        if (supplierRequestId !== undefined) {
            const [named] = (await this.store.readStream(streams_1.streams.iso18626SupplierId(supplierIdKey(lender, supplierRequestId))));
            if (named)
                candidates.push(named.data.loanId);
        }
        for (const loanId of candidates) {
            const loan = (0, decider_1.fold)(loans_1.loanDecider, (await this.store.readStream(streams_1.streams.loan(loanId))));
            if (loan.status !== 'none' && loan.borrower === borrower && loan.lender === lender)
                return loanId;
        }
        throw refuseValue(`requestingAgencyRequestId ${requestId}`, `no loan from ${lender} to ${borrower} has this id${supplierRequestId !== undefined ? `, nor supplyingAgencyRequestId ${supplierRequestId}` : ''}`);
    }
    /** The stream that will name the loan by the supplier's id, when it names none yet; a refusal when it names another loan. */
    async supplierIdToName(lender, supplierRequestId, loanId) {
        const stream = streams_1.streams.iso18626SupplierId(supplierIdKey(lender, supplierRequestId));
        const [named] = (await this.store.readStream(stream));
        if (named === undefined)
            return stream;
        if (named.data.loanId !== loanId) {
            throw refuseValue(`supplyingAgencyRequestId ${supplierRequestId}`, `${lender} already names another loan by this id`);
        }
        return undefined;
    }
    /** Names the loan by the supplier's id; one that raced this message to name it first is left as it is. */
    async nameSupplierId(stream, data, context) {
        try {
            await this.store.append(stream, [{
                    eventId: (0, uuid_1.v5)(`supplier-id\n${stream}`, NAMESPACE),
                    type: 'Iso18626SupplierRequestIdNamed',
                    data,
                    metadata: { actor: context.actor, correlationId: context.correlationId, causationId: context.causationId },
                }], 'no_stream');
        }
        catch (error) {
            if (!(error instanceof event_store_port_1.ConcurrencyError) && !(error instanceof event_store_port_1.DuplicateEventError))
                throw error;
        }
    }
    async loan(loanId) {
        const loan = (0, decider_1.fold)(loans_1.loanDecider, (await this.store.readStream(streams_1.streams.loan(loanId))));
        if (loan.status === 'none')
            throw refuseValue('requestingAgencyRequestId', 'no such loan');
        return loan;
    }
    /**
     * The confirmation a message with this digest was answered, when the loan's
     * stream keeps one. A repeat can come while the first copy's record still
     * waits for its sync: it is answered, as the first copy is, only once that
     * record is on disk.
     */
    async keptAnswer(loanId, digest) {
        const events = (await this.store.readStream(streams_1.streams.iso18626(loanId)));
        const kept = events.find((event) => event.type === 'Iso18626MessageReceived' && event.data.digest === digest);
        if (kept === undefined)
            return null;
        await this.store.durable();
        return kept.data.confirmation;
    }
    async request(message, borrower, lender, context) {
        const requestId = message.header.requestingAgencyRequestId;
        if (message.serviceType !== undefined && message.serviceType !== 'Loan' && message.serviceType !== 'CopyOrLoan') {
            throw refuseValue(`serviceType ${message.serviceType}`, 'the ledger records loans: send Loan or CopyOrLoan');
        }
        const loanId = (0, exports.loanIdOfRequest)(borrower, requestId);
        const existing = await this.store.readStream(streams_1.streams.loan(loanId));
        if (existing.length > 0)
            throw refuseValue(`requestingAgencyRequestId ${requestId}`, `${borrower} has already sent another request with this id`);
        const agreements = await this.facts.agreementsCovering('loans', [borrower, lender], this.clock.now());
        if (agreements.length !== 1) {
            throw refuseValue(`supplyingAgencyId ${lender}`, agreements.length === 0
                ? `no agreement in force covers loans between ${borrower} and ${lender}`
                : `several agreements in force cover loans between ${borrower} and ${lender} (${agreements.map((a) => a.agreementId).join(', ')}); request the loan over the JSON API naming one`);
        }
        await this.run(new loan_messages_1.RequestLoanMessage({ lender, agreementId: agreements[0].agreementId, item: message.item }, { ...context, idempotencySeed: requestSeed(borrower, requestId) }));
    }
    async act(message, loan, digest, context) {
        const steps = (0, iso18626_1.stepsFor)(message, loan);
        for (const [index, step] of steps.entries()) {
            await this.run(new loan_messages_1.LoanStepMessage(step, { ...context, idempotencySeed: sha256(`iso18626\n${loan.loanId}\n${digest}\n${index}`) }));
        }
    }
    /** A rule the loan refuses becomes the message's error: UnrecognisedDataValue naming what was refused. */
    async run(command) {
        try {
            await this.commands.execute(command);
        }
        catch (error) {
            if (error instanceof errors_1.DomainError && !(error instanceof iso18626_1.Iso18626Refusal)) {
                throw refuseValue(error.field ?? error.code, error.message);
            }
            throw error;
        }
    }
    /** Keeps the message and its confirmation on the loan; a repeat that raced this one is answered as it was. */
    async keep(loanId, borrower, lender, received, confirmation, context) {
        const { message, version, xml, digest } = received;
        const { requestingAgencyRequestId, supplyingAgencyRequestId } = message.header;
        const data = {
            loanId, lender, borrower, version, kind: message.kind, from: context.actor.library,
            requestingAgencyRequestId, ...(supplyingAgencyRequestId ? { supplyingAgencyRequestId } : {}),
            ...(message.kind === 'requestingAgencyMessage' ? { action: message.action } : {}),
            digest, message: xml, confirmation, receivedAt: received.receivedAt.toISOString(),
        };
        try {
            await this.store.append(streams_1.streams.iso18626(loanId), [{
                    eventId: (0, uuid_1.v5)(`received\n${loanId}\n${digest}`, NAMESPACE),
                    type: 'Iso18626MessageReceived',
                    data,
                    metadata: { actor: context.actor, correlationId: context.correlationId, causationId: context.causationId },
                }], 'any');
            return confirmation;
        }
        catch (error) {
            if (!(error instanceof event_store_port_1.DuplicateEventError))
                throw error;
            return (await this.keptAnswer(loanId, digest)) ?? confirmation;
        }
    }
};
exports.Iso18626InboundService = Iso18626InboundService;
exports.Iso18626InboundService = Iso18626InboundService = __decorate([
    (0, common_1.Injectable)(),
    __param(2, (0, common_1.Inject)(event_store_port_1.EVENT_STORE)),
    __param(3, (0, common_1.Inject)(clock_port_1.CLOCK)),
    __metadata("design:paramtypes", [cqrs_1.CommandBus,
        cooperation_facts_1.CooperationFacts, Object, Object])
], Iso18626InboundService);
//# sourceMappingURL=iso18626-inbound.service.js.map