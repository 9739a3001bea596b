"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Iso18626Transport = void 0;
const uuid_1 = require("uuid");
const streams_1 = require("../../application/cooperation/streams");
const iso18626_endpoints_service_1 = require("../../application/iso18626/iso18626-endpoints.service");
const iso18626_1 = require("../../domain/iso18626");
const loans_1 = require("../../domain/loans");
const decider_1 = require("../../domain/shared/decider");
const http_post_1 = require("../subscriptions/http-post");
const iso18626_xml_1 = require("./iso18626.xml");
/** Namespace of the ids of the Iso18626MessageSent events (a fixed, random UUID): one per target and loan event, however often it is delivered. */
const NAMESPACE = '5b7d2f8e-9c14-4e3a-b6d0-2a8f1c7e4d93';
/** The ids a loan is known by on the wire, from the messages kept with it. */
const wireIds = (loanId, kept) => ({
    requestingAgencyRequestId: kept.find((e) => e.data.requestingAgencyRequestId)?.data.requestingAgencyRequestId ?? loanId,
    supplyingAgencyRequestId: kept.find((e) => e.data.supplyingAgencyRequestId)?.data.supplyingAgencyRequestId,
});
/**
 * A partner's ISO 18626 endpoint as a delivery target: each loan event the
 * partner should hear of becomes the message the standard prescribes, in the
 * partner's version, POSTed with its credentials; the confirmation it answers
 * is kept with the message on the loan's `iso18626-` stream. An ERROR
 * confirmation is an answer too (kept, not retried); no confirmation at all
 * is a failed attempt, retried by the worker.
 */
class Iso18626Transport {
    store;
    destinations;
    clock;
    timeoutMs;
    constructor(store, destinations, clock, timeoutMs) {
        this.store = store;
        this.destinations = destinations;
        this.clock = clock;
        this.timeoutMs = timeoutMs;
    }
    async send(target, recorded, signal) {
        const event = recorded;
        const partner = target.owner.library;
        const addressed = (event.type === 'Iso18626MessageReceived' ? await this.statusAnswer(event) : (0, iso18626_1.outboundFor)(event)).find(({ to }) => event.data[to] === partner);
        if (!addressed)
            return { ok: true, status: null, error: null, response: 'nothing for this partner to hear of' };
        const { version, authorization } = (0, iso18626_endpoints_service_1.settingsOf)(target);
        const { loanId, lender, borrower } = event.data;
        // Every committed message, durable or not yet: it decides whether this one was sent already, as a command would.
        const kept = (await this.store.readStream(streams_1.streams.iso18626(loanId)));
        const eventId = (0, uuid_1.v5)(`${target.id}\n${recorded.eventId}`, NAMESPACE);
        const already = kept.find((e) => e.eventId === eventId);
        if (already)
            return { ok: true, status: null, error: null, response: already.data.confirmation };
        const ids = wireIds(loanId, kept);
        const item = addressed.message.kind === 'request' ? (await this.requested(loanId))?.data.item : undefined;
        const now = this.clock.now().toISOString();
        const message = (0, iso18626_xml_1.renderOutbound)({ version, message: addressed.message, lender, borrower, ...ids, timestamp: now, ...(item ? { item } : {}) });
        const headers = {
            'content-type': 'application/xml; charset=utf-8',
            'user-agent': 'resource-sharing-ledger-iso18626',
            ...(authorization ? { authorization } : {}),
        };
        const outcome = await (0, http_post_1.postPayload)(target.url, headers, message, { timeoutMs: this.timeoutMs, signal, destinations: this.destinations, maxResponseBytes: 65_536 });
        if (!outcome.ok || outcome.response === null)
            return outcome;
        const confirmation = (0, iso18626_xml_1.readConfirmation)(outcome.response);
        if (confirmation.messageStatus === 'UNREADABLE')
            return { ...outcome, ok: false, error: 'the endpoint did not answer with an ISO 18626 confirmation' };
        const data = {
            loanId, lender, borrower, version, kind: addressed.message.kind, to: partner, causedBy: recorded.eventId,
            requestingAgencyRequestId: ids.requestingAgencyRequestId,
            ...(ids.supplyingAgencyRequestId ? { supplyingAgencyRequestId: ids.supplyingAgencyRequestId } : {}),
            message, confirmation: outcome.response, messageStatus: confirmation.messageStatus, sentAt: now,
        };
        await this.store.append(streams_1.streams.iso18626(loanId), [{
                eventId, type: 'Iso18626MessageSent', data,
                metadata: { actor: { role: 'system' }, correlationId: recorded.metadata.correlationId, causationId: recorded.eventId },
            }], 'any');
        return outcome;
    }
    /**
     * A requester's StatusRequest is answered with a supplyingAgencyMessage
     * carrying the loan's current status: of its durable events, as a partner
     * must not be told of one a power cut could still take away.
     */
    async statusAnswer(event) {
        if (event.data.action !== 'StatusRequest')
            return [];
        const loan = (0, decider_1.fold)(loans_1.loanDecider, (await this.store.readDurableStream(streams_1.streams.loan(event.data.loanId))));
        if (loan.status === 'none')
            return [];
        return [{ to: 'borrower', message: { kind: 'supplyingAgencyMessage', reasonForMessage: 'StatusRequestResponse', status: (0, loans_1.isoStatus)(loan), ...(loan.dueOn ? { dueOn: loan.dueOn } : {}) } }];
    }
    async requested(loanId) {
        const [first] = await this.store.readDurableStream(streams_1.streams.loan(loanId));
        return first?.type === 'LoanRequested' ? first : undefined;
    }
}
exports.Iso18626Transport = Iso18626Transport;
//# sourceMappingURL=iso18626.transport.js.map