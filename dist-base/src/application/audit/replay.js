"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.replayBalances = exports.deciderOfStream = void 0;
exports.replayStream = replayStream;
const agreements_1 = require("../../domain/agreements");
const claims_1 = require("../../domain/claims");
const exchanges_1 = require("../../domain/exchanges");
const holdings_1 = require("../../domain/holdings");
const ledger_1 = require("../../domain/ledger");
const loans_1 = require("../../domain/loans");
const partners_1 = require("../../domain/partners");
const rotations_1 = require("../../domain/rotations");
const services_1 = require("../../domain/services");
/** The aggregate behind each kind of stream (see cooperation/streams.ts), by the prefix of its id. */
const DECIDERS = {
    partner: partners_1.partnerDecider,
    agreement: agreements_1.agreementDecider,
    loan: loans_1.loanDecider,
    exchange: exchanges_1.exchangeDecider,
    rotation: rotations_1.rotationDecider,
    claim: claims_1.claimDecider,
    service: services_1.serviceDecider,
    holdings: holdings_1.holdingsDecider,
};
const deciderOfStream = (streamId) => DECIDERS[streamId.slice(0, streamId.indexOf('-'))];
exports.deciderOfStream = deciderOfStream;
/** Each event of one stream with the aggregate's state after it, folded by the aggregate's own evolve. */
async function* replayStream(events, streamId) {
    const decider = (0, exports.deciderOfStream)(streamId);
    if (decider === undefined)
        throw new RangeError(`${streamId} is not the stream of an aggregate (${Object.keys(DECIDERS).join(', ')})`);
    let state = decider.initialState();
    for await (const event of events) {
        if (event.streamId !== streamId)
            continue;
        state = decider.evolve(state, event);
        yield { event, state };
    }
}
const within = (cut, event) => 'position' in cut ? BigInt(event.position) <= BigInt(cut.position) : event.metadata.recordedAt <= cut.instant;
/**
 * Balances as of a cut, from the log alone: each event posted by the domain's
 * rules, entries summed per partner and unit, in the order and form of
 * `GET /v1/balances`.
 */
const replayBalances = async (events, cut, partner) => {
    const sums = new Map();
    for await (const event of events) {
        if ('position' in cut && BigInt(event.position) > BigInt(cut.position))
            break;
        if (!within(cut, event))
            continue;
        const postings = (0, ledger_1.postingsFor)({ type: event.type, data: event.data, eventId: event.eventId, position: event.position, recordedAt: event.metadata.recordedAt });
        for (const entry of postings.flatMap(ledger_1.entriesOf)) {
            if (partner !== undefined && entry.partner !== partner)
                continue;
            const units = sums.get(entry.partner) ?? new Map();
            units.set(entry.unit, (units.get(entry.unit) ?? 0n) + (0, ledger_1.parseAmount)(entry.amount));
            sums.set(entry.partner, units);
        }
    }
    const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
    const balances = [...sums.keys()].sort(byText).flatMap((name) => {
        const units = sums.get(name);
        return [...units.keys()].sort(byText).map((unit) => ({ partner: name, unit, balance: (0, ledger_1.formatAmount)(units.get(unit)) }));
    });
    return { asOf: cut, balances };
};
exports.replayBalances = replayBalances;
//# sourceMappingURL=replay.js.map