"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.exchangeDecider = exports.decide = exports.evolve = exports.initialState = void 0;
const acting_1 = require("../shared/acting");
const cooperation_1 = require("../shared/cooperation");
const input_1 = require("../shared/input");
const isil_1 = require("../shared/isil");
const exchange_errors_1 = require("./exchange.errors");
const exchange_guards_1 = require("./exchange.guards");
const exchange_items_1 = require("./exchange.items");
const exchange_status_1 = require("./exchange.status");
const initialState = () => ({ status: 'none' });
exports.initialState = initialState;
// ---- evolve -------------------------------------------------------------
const evolve = (state, event) => {
    if (event.type === 'ExchangeProposed') {
        const { exchangeId, agreementId, proposer, counterpart, itemCount } = event.data;
        return { status: 'proposed', exchangeId, agreementId, proposer, counterpart, itemCount, dispatchedBy: [], receivedBy: [] };
    }
    // A stray event on an empty stream changes nothing: evolve must never throw.
    if (state.status === 'none')
        return state;
    switch (event.type) {
        case 'ExchangeAccepted': return { ...state, status: 'accepted' };
        case 'ExchangeDeclined': return { ...state, status: 'declined' };
        case 'ExchangeItemsDispatched': return { ...state, dispatchedBy: [...state.dispatchedBy, event.data.sender] };
        case 'ExchangeItemsReceived': return { ...state, receivedBy: [...state.receivedBy, event.data.receiver] };
        case 'ExchangeCompleted': return { ...state, status: 'completed' };
        case 'ExchangeCancelled': return { ...state, status: 'cancelled' };
        default: return state;
    }
};
exports.evolve = evolve;
// ---- decide -------------------------------------------------------------
const at = (command) => command.metadata.now.toISOString();
const keysOf = (exchange) => ({
    exchangeId: exchange.exchangeId,
    agreementId: exchange.agreementId,
    proposer: exchange.proposer,
    counterpart: exchange.counterpart,
});
/** An exchange that exists and is still open: the only kind the later steps may act on. */
const openExchange = (command, state) => {
    if (state.status === 'none')
        throw new exchange_errors_1.ExchangeNotFound(command.data.exchangeId);
    if ((0, exchange_status_1.isClosedExchangeStatus)(state.status))
        throw new exchange_errors_1.ExchangeClosed(state.status);
    return state;
};
const propose = (command, state) => {
    if (state.status !== 'none')
        throw new exchange_errors_1.ExchangeAlreadyExists(state.exchangeId);
    const proposer = (0, acting_1.actingLibrary)(command, 'propose an exchange');
    const { exchangeId, agreementId, agreement, standings } = command.data;
    (0, input_1.requireText)(exchangeId, 'exchangeId');
    (0, input_1.requireText)(agreementId, 'agreementId');
    const counterpart = (0, isil_1.toIsil)(command.data.counterpart, 'counterpart');
    if (proposer === counterpart)
        throw new exchange_errors_1.CannotExchangeWithOwnLibrary();
    (0, cooperation_1.assertAgreementCovers)(agreement, agreementId, 'exchanges', [proposer, counterpart], command.metadata.now);
    (0, cooperation_1.assertPartnersActive)(standings, [proposer, counterpart]);
    const offered = (0, exchange_items_1.exchangeItems)(command.data.offered, 'offered');
    const requested = (0, exchange_items_1.exchangeItems)(command.data.requested, 'requested');
    if (offered.length !== requested.length)
        throw new exchange_errors_1.ExchangeNotOneForOne(offered.length, requested.length);
    return [{
            type: 'ExchangeProposed',
            data: {
                exchangeId, agreementId, proposer, counterpart, offered, requested, itemCount: offered.length, proposedAt: at(command),
            },
        }];
};
const accept = (command, state) => {
    const exchange = openExchange(command, state);
    (0, exchange_guards_1.requireCounterpart)(command, exchange, 'accept');
    if (exchange.status !== 'proposed')
        throw new exchange_errors_1.InvalidExchangeTransition('accepted', exchange.status);
    return [{ type: 'ExchangeAccepted', data: { ...keysOf(exchange), acceptedAt: at(command) } }];
};
const decline = (command, state) => {
    const exchange = openExchange(command, state);
    (0, exchange_guards_1.requireCounterpart)(command, exchange, 'decline');
    if (exchange.status !== 'proposed')
        throw new exchange_errors_1.InvalidExchangeTransition('declined', exchange.status);
    const reason = (0, input_1.requireText)(command.data.reason, 'reason');
    return [{ type: 'ExchangeDeclined', data: { ...keysOf(exchange), reason, declinedAt: at(command) } }];
};
const dispatch = (command, state) => {
    const exchange = openExchange(command, state);
    const { self: sender, other: receiver } = (0, exchange_guards_1.requireParty)(command, exchange, 'dispatch items of');
    if (exchange.status !== 'accepted')
        throw new exchange_errors_1.ExchangeNotAccepted();
    if (exchange.dispatchedBy.includes(sender))
        throw new exchange_errors_1.ItemsAlreadyDispatched(sender);
    return [{
            type: 'ExchangeItemsDispatched',
            data: {
                exchangeId: exchange.exchangeId, agreementId: exchange.agreementId, sender, receiver,
                itemCount: exchange.itemCount, dispatchedAt: at(command),
            },
        }];
};
/** The second receipt completes the exchange in the same append, so no reader ever sees both received but not complete. */
const receive = (command, state) => {
    const exchange = openExchange(command, state);
    const { self: receiver, other: sender } = (0, exchange_guards_1.requireParty)(command, exchange, 'receive items of');
    if (!exchange.dispatchedBy.includes(sender))
        throw new exchange_errors_1.ItemsNotYetDispatched(sender);
    if (exchange.receivedBy.includes(receiver))
        throw new exchange_errors_1.ItemsAlreadyReceived(receiver);
    const receivedAt = at(command);
    const received = {
        type: 'ExchangeItemsReceived',
        data: {
            exchangeId: exchange.exchangeId, agreementId: exchange.agreementId, receiver, sender,
            itemCount: exchange.itemCount, receivedAt,
        },
    };
    if (exchange.receivedBy.length === 0)
        return [received];
    return [received, { type: 'ExchangeCompleted', data: { ...keysOf(exchange), completedAt: receivedAt } }];
};
const cancel = (command, state) => {
    const exchange = openExchange(command, state);
    const { self: cancelledBy } = (0, exchange_guards_1.requireParty)(command, exchange, 'cancel');
    if (exchange.dispatchedBy.length > 0)
        throw new exchange_errors_1.ExchangeAlreadyDispatched();
    const reason = (0, input_1.requireText)(command.data.reason, 'reason');
    return [{ type: 'ExchangeCancelled', data: { ...keysOf(exchange), cancelledBy, reason, cancelledAt: at(command) } }];
};
const decide = (command, state) => {
    switch (command.type) {
        case 'ProposeExchange': return propose(command, state);
        case 'AcceptExchange': return accept(command, state);
        case 'DeclineExchange': return decline(command, state);
        case 'DispatchExchangeItems': return dispatch(command, state);
        case 'ReceiveExchangeItems': return receive(command, state);
        case 'CancelExchange': return cancel(command, state);
        default: {
            const unknown = command;
            throw new Error(`unknown exchange command ${unknown.type}`);
        }
    }
};
exports.decide = decide;
exports.exchangeDecider = { decide: exports.decide, evolve: exports.evolve, initialState: exports.initialState };
//# sourceMappingURL=exchange.decider.js.map