import type { Actor, CommandMetadata } from '../../../src/domain/shared/decider';
import type { Isbn13 } from '../../../src/domain/shared/isbn';
import type * as C from '../../../src/domain/exchanges/exchange.commands';
import type * as E from '../../../src/domain/exchanges/exchange.events';
import type { ExchangeItem, ExchangeItemInput } from '../../../src/domain/exchanges/exchange.items';
import type { CoverageFacts } from '../../../src/domain/shared/cooperation';
import { BANDUNG, JAKARTA, agreement, agreementId, standings } from '../shared/agreement.fixtures';

export const PROPOSER = JAKARTA;
export const COUNTERPART = BANDUNG;
export const exchangeId = 'exch-1';

/** As the proposer writes them: ISBNs in any form; pages and prices that do not match. */
export const offeredInput: ExchangeItemInput[] = [
  { title: 'Max Havelaar', isbn: '0-306-40615-2', pages: 400, price: { amount: '25.00', currency: 'EUR' } },
  { title: 'Bumi Manusia', author: 'Pramoedya Ananta Toer', pages: 535 },
];
export const requestedInput: ExchangeItemInput[] = [
  { title: 'Laskar Pelangi', isbn: '979-10-90636-07-1', pages: 120, price: { amount: '4.00', currency: 'EUR' } },
  { title: 'Ronggeng Dukuh Paruk', isbn: '080442957x', year: 1982 },
];
/** As the ledger records them: every ISBN as ISBN-13. */
export const offered: ExchangeItem[] = [
  { title: 'Max Havelaar', isbn: '9780306406157' as Isbn13, pages: 400, price: { amount: '25.00', currency: 'EUR' } },
  { title: 'Bumi Manusia', author: 'Pramoedya Ananta Toer', pages: 535 },
];
export const requested: ExchangeItem[] = [
  { title: 'Laskar Pelangi', isbn: '9791090636071' as Isbn13, pages: 120, price: { amount: '4.00', currency: 'EUR' } },
  { title: 'Ronggeng Dukuh Paruk', isbn: '9780804429573' as Isbn13, year: 1982 },
];

export const AT = {
  proposed: new Date('2025-03-03T09:00:00.000Z'),
  accepted: new Date('2025-03-04T10:00:00.000Z'),
  proposerDispatched: new Date('2025-03-05T11:00:00.000Z'),
  counterpartDispatched: new Date('2025-03-06T12:00:00.000Z'),
  counterpartReceived: new Date('2025-03-08T13:00:00.000Z'),
  proposerReceived: new Date('2025-03-09T14:00:00.000Z'),
};

export const keys = { exchangeId, agreementId, proposer: PROPOSER, counterpart: COUNTERPART };
/** Each side's shipment: the proposer's items go to the counterpart, and the other way. */
export const proposerSide = { exchangeId, agreementId, sender: PROPOSER, receiver: COUNTERPART };
export const counterpartSide = { exchangeId, agreementId, sender: COUNTERPART, receiver: PROPOSER };

// ---- events ----

export const proposed: E.ExchangeProposed = {
  type: 'ExchangeProposed',
  data: { ...keys, offered, requested, itemCount: 2, proposedAt: AT.proposed.toISOString() },
};
export const accepted: E.ExchangeAccepted = { type: 'ExchangeAccepted', data: { ...keys, acceptedAt: AT.accepted.toISOString() } };
export const declined: E.ExchangeDeclined = {
  type: 'ExchangeDeclined',
  data: { ...keys, reason: 'We hold these already', declinedAt: AT.accepted.toISOString() },
};
export const proposerDispatched: E.ExchangeItemsDispatched = {
  type: 'ExchangeItemsDispatched',
  data: { ...proposerSide, itemCount: 2, dispatchedAt: AT.proposerDispatched.toISOString() },
};
export const counterpartDispatched: E.ExchangeItemsDispatched = {
  type: 'ExchangeItemsDispatched',
  data: { ...counterpartSide, itemCount: 2, dispatchedAt: AT.counterpartDispatched.toISOString() },
};
/** The counterpart receives the proposer's items. */
export const counterpartReceived: E.ExchangeItemsReceived = {
  type: 'ExchangeItemsReceived',
  data: { ...proposerSide, itemCount: 2, receivedAt: AT.counterpartReceived.toISOString() },
};
/** The proposer receives the counterpart's items. */
export const proposerReceived: E.ExchangeItemsReceived = {
  type: 'ExchangeItemsReceived',
  data: { ...counterpartSide, itemCount: 2, receivedAt: AT.proposerReceived.toISOString() },
};
export const completed: E.ExchangeCompleted = {
  type: 'ExchangeCompleted', data: { ...keys, completedAt: AT.proposerReceived.toISOString() },
};
export const cancelled: E.ExchangeCancelled = {
  type: 'ExchangeCancelled',
  data: { ...keys, cancelledBy: PROPOSER, reason: 'Duplicates found in our stock', cancelledAt: AT.accepted.toISOString() },
};

// ---- commands ----

/** `by` names the acting library; `actor` replaces the actor whole. */
export type As = { by?: string; now?: Date; actor?: Actor };

const metadata = (as: As, by: string, now: Date): CommandMetadata => ({
  now: as.now ?? now,
  actor: as.actor ?? { role: 'librarian', library: as.by ?? by },
});

export const proposeExchange = (as: As = {}, data: Partial<C.ProposeExchange['data']> = {}): C.ProposeExchange => ({
  type: 'ProposeExchange',
  data: {
    exchangeId, agreementId, agreement: agreement(), standings: standings(), counterpart: COUNTERPART,
    offered: offeredInput, requested: requestedInput, ...data,
  },
  metadata: metadata(as, PROPOSER, AT.proposed),
});
/** The facts of a step that commits the parties anew, by default as the application gathers them: the agreement in force, every library active. */
export type Facts = Partial<CoverageFacts>;
const facts = (changes: Facts): CoverageFacts => ({ agreement: agreement(), standings: standings(), ...changes });
/** What the application sends for the second side sent: no facts, since it needs none. */
export const noFacts: CoverageFacts = { agreement: null, standings: {} };

export const acceptExchange = (as: As = {}, changes: Facts = {}): C.AcceptExchange => ({
  type: 'AcceptExchange', data: { exchangeId, ...facts(changes) }, metadata: metadata(as, COUNTERPART, AT.accepted),
});
export const declineExchange = (as: As = {}, reason = 'We hold these already'): C.DeclineExchange => ({
  type: 'DeclineExchange', data: { exchangeId, reason }, metadata: metadata(as, COUNTERPART, AT.accepted),
});
export const dispatchItems = (as: As = {}, changes: Facts = {}): C.DispatchExchangeItems => ({
  type: 'DispatchExchangeItems', data: { exchangeId, ...facts(changes) }, metadata: metadata(as, PROPOSER, AT.proposerDispatched),
});
export const receiveItems = (as: As = {}): C.ReceiveExchangeItems => ({
  type: 'ReceiveExchangeItems', data: { exchangeId }, metadata: metadata(as, COUNTERPART, AT.counterpartReceived),
});
export const cancelExchange = (as: As = {}, reason = 'Duplicates found in our stock'): C.CancelExchange => ({
  type: 'CancelExchange', data: { exchangeId, reason }, metadata: metadata(as, PROPOSER, AT.accepted),
});

/** Each side's steps, by the right library at the right time. */
export const dispatchByProposer = (changes: Facts = {}) => dispatchItems({}, changes);
export const dispatchByCounterpart = (changes: Facts = {}) => dispatchItems({ by: COUNTERPART, now: AT.counterpartDispatched }, changes);
export const receiveByCounterpart = () => receiveItems();
export const receiveByProposer = () => receiveItems({ by: PROPOSER, now: AT.proposerReceived });
