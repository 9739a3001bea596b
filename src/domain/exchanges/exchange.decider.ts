import { actingLibrary } from '../shared/acting';
import { assertAgreementCovers, assertPartnersActive, assertStillCovered } from '../shared/cooperation';
import type { Decider } from '../shared/decider';
import { requireText } from '../shared/input';
import { toIsil, type Isil } from '../shared/isil';
import type {
  AcceptExchange, CancelExchange, DeclineExchange, DispatchExchangeItems, ExchangeCommand, ProposeExchange,
  ReceiveExchangeItems,
} from './exchange.commands';
import {
  CannotExchangeWithOwnLibrary, ExchangeAlreadyDispatched, ExchangeAlreadyExists, ExchangeChangedMeanwhile, ExchangeClosed, ExchangeNotAccepted,
  ExchangeNotFound, ExchangeNotOneForOne, InvalidExchangeTransition, ItemsAlreadyDispatched, ItemsAlreadyReceived,
  ItemsNotYetDispatched,
} from './exchange.errors';
import type { ExchangeEvent, ExchangeKeys } from './exchange.events';
import { requireCounterpart, requireParty } from './exchange.guards';
import { exchangeItems } from './exchange.items';
import { isClosedExchangeStatus, type ExchangeStatus } from './exchange.status';

export type NoExchange = Readonly<{ status: 'none' }>;

export type ExistingExchange = Readonly<{
  status: ExchangeStatus;
  exchangeId: string;
  agreementId: string;
  proposer: Isil;
  counterpart: Isil;
  /** Items on each side. */
  itemCount: number;
  /** The libraries that have sent their side. */
  dispatchedBy: readonly Isil[];
  /** The libraries that have received the other side. */
  receivedBy: readonly Isil[];
}>;

export type Exchange = NoExchange | ExistingExchange;

export const initialState = (): Exchange => ({ status: 'none' });

// ---- evolve -------------------------------------------------------------

export const evolve = (state: Exchange, event: ExchangeEvent): Exchange => {
  if (event.type === 'ExchangeProposed') {
    const { exchangeId, agreementId, proposer, counterpart, itemCount } = event.data;
    return { status: 'proposed', exchangeId, agreementId, proposer, counterpart, itemCount, dispatchedBy: [], receivedBy: [] };
  }
  // A stray event on an empty stream changes nothing: evolve must never throw.
  if (state.status === 'none') return state;
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

// ---- decide -------------------------------------------------------------

const at = (command: ExchangeCommand): string => command.metadata.now.toISOString();

const keysOf = (exchange: ExistingExchange): ExchangeKeys => ({
  exchangeId: exchange.exchangeId,
  agreementId: exchange.agreementId,
  proposer: exchange.proposer,
  counterpart: exchange.counterpart,
});


/** An exchange that exists and is still open: the only kind the later steps may act on. */
const openExchange = (command: ExchangeCommand, state: Exchange): ExistingExchange => {
  if (state.status === 'none') throw new ExchangeNotFound(command.data.exchangeId);
  if (isClosedExchangeStatus(state.status)) throw new ExchangeClosed(state.status);
  return state;
};

const propose = (command: ProposeExchange, state: Exchange): ExchangeEvent[] => {
  if (state.status !== 'none') throw new ExchangeAlreadyExists(state.exchangeId);
  const proposer = actingLibrary(command, 'propose an exchange');
  const { exchangeId, agreementId, agreement, standings } = command.data;
  requireText(exchangeId, 'exchangeId');
  requireText(agreementId, 'agreementId');
  const counterpart = toIsil(command.data.counterpart, 'counterpart');
  if (proposer === counterpart) throw new CannotExchangeWithOwnLibrary();
  const fields = { agreement: 'agreementId', parties: { [counterpart]: 'counterpart' } };
  assertAgreementCovers(agreement, agreementId, 'exchanges', [proposer, counterpart], command.metadata.now, undefined, fields);
  assertPartnersActive(standings, [proposer, counterpart], fields);
  const offered = exchangeItems(command.data.offered, 'offered');
  const requested = exchangeItems(command.data.requested, 'requested');
  if (offered.length !== requested.length) throw new ExchangeNotOneForOne(offered.length, requested.length);
  return [{
    type: 'ExchangeProposed',
    data: {
      exchangeId, agreementId, proposer, counterpart, offered, requested, itemCount: offered.length, proposedAt: at(command),
    },
  }];
};

/**
 * Accepting commits both libraries to the exchange, and the first side sent
 * opens a one-for-one debt (the ledger posts its items): each needs what the
 * proposal needed, as things stand that day, the agreement in force and
 * covering exchanges, proposer and counterpart its members and active
 * partners; a refusal names `agreementId`, `proposer` or `counterpart`. The
 * second side sent settles that debt and asks none of this, nor do
 * declining, cancelling and receiving, so an exchange can always be wound
 * down: before anything is sent it can be cancelled, after, it can be settled.
 */
const assertExchangeStillCovered = (command: AcceptExchange | DispatchExchangeItems, exchange: ExistingExchange): void => {
  const { proposer, counterpart } = exchange;
  const parties = [proposer, counterpart];
  if (parties.some((party) => !Object.hasOwn(command.data.standings, party))) throw new ExchangeChangedMeanwhile();
  const fields = { agreement: 'agreementId', parties: { [proposer]: 'proposer', [counterpart]: 'counterpart' } };
  assertStillCovered(command.data, exchange.agreementId, 'exchanges', parties, command.metadata.now, fields);
};

const accept = (command: AcceptExchange, state: Exchange): ExchangeEvent[] => {
  const exchange = openExchange(command, state);
  requireCounterpart(command, exchange, 'accept');
  if (exchange.status !== 'proposed') throw new InvalidExchangeTransition('accepted', exchange.status);
  assertExchangeStillCovered(command, exchange);
  return [{ type: 'ExchangeAccepted', data: { ...keysOf(exchange), acceptedAt: at(command) } }];
};

const decline = (command: DeclineExchange, state: Exchange): ExchangeEvent[] => {
  const exchange = openExchange(command, state);
  requireCounterpart(command, exchange, 'decline');
  if (exchange.status !== 'proposed') throw new InvalidExchangeTransition('declined', exchange.status);
  const reason = requireText(command.data.reason, 'reason');
  return [{ type: 'ExchangeDeclined', data: { ...keysOf(exchange), reason, declinedAt: at(command) } }];
};

const dispatch = (command: DispatchExchangeItems, state: Exchange): ExchangeEvent[] => {
  const exchange = openExchange(command, state);
  const { self: sender, other: receiver } = requireParty(command, exchange, 'dispatch items of');
  if (exchange.status !== 'accepted') throw new ExchangeNotAccepted();
  if (exchange.dispatchedBy.includes(sender)) throw new ItemsAlreadyDispatched(sender);
  if (exchange.dispatchedBy.length === 0) assertExchangeStillCovered(command, exchange);
  return [{
    type: 'ExchangeItemsDispatched',
    data: {
      exchangeId: exchange.exchangeId, agreementId: exchange.agreementId, sender, receiver,
      itemCount: exchange.itemCount, dispatchedAt: at(command),
    },
  }];
};

/** The second receipt completes the exchange in the same append, so no reader ever sees both received but not complete. */
const receive = (command: ReceiveExchangeItems, state: Exchange): ExchangeEvent[] => {
  const exchange = openExchange(command, state);
  const { self: receiver, other: sender } = requireParty(command, exchange, 'receive items of');
  if (!exchange.dispatchedBy.includes(sender)) throw new ItemsNotYetDispatched(sender);
  if (exchange.receivedBy.includes(receiver)) throw new ItemsAlreadyReceived(receiver);
  const receivedAt = at(command);
  const received: ExchangeEvent = {
    type: 'ExchangeItemsReceived',
    data: {
      exchangeId: exchange.exchangeId, agreementId: exchange.agreementId, receiver, sender,
      itemCount: exchange.itemCount, receivedAt,
    },
  };
  if (exchange.receivedBy.length === 0) return [received];
  return [received, { type: 'ExchangeCompleted', data: { ...keysOf(exchange), completedAt: receivedAt } }];
};

const cancel = (command: CancelExchange, state: Exchange): ExchangeEvent[] => {
  const exchange = openExchange(command, state);
  const { self: cancelledBy } = requireParty(command, exchange, 'cancel');
  if (exchange.dispatchedBy.length > 0) throw new ExchangeAlreadyDispatched();
  const reason = requireText(command.data.reason, 'reason');
  return [{ type: 'ExchangeCancelled', data: { ...keysOf(exchange), cancelledBy, reason, cancelledAt: at(command) } }];
};

export const decide = (command: ExchangeCommand, state: Exchange): ExchangeEvent[] => {
  switch (command.type) {
    case 'ProposeExchange': return propose(command, state);
    case 'AcceptExchange': return accept(command, state);
    case 'DeclineExchange': return decline(command, state);
    case 'DispatchExchangeItems': return dispatch(command, state);
    case 'ReceiveExchangeItems': return receive(command, state);
    case 'CancelExchange': return cancel(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown exchange command ${(unknown as { type: string }).type}`);
    }
  }
};

export const exchangeDecider: Decider<Exchange, ExchangeCommand, ExchangeEvent> = { decide, evolve, initialState };
