export * from './exchange.commands';
export * from './exchange.errors';
export * from './exchange.events';
export { MAX_EXCHANGE_ITEMS, type ExchangeItem, type ExchangeItemInput } from './exchange.items';
export { CLOSED_EXCHANGE_STATUSES, isClosedExchangeStatus, type ClosedExchangeStatus, type ExchangeStatus } from './exchange.status';
export {
  decide, evolve, exchangeDecider, initialState,
  type Exchange, type ExistingExchange, type NoExchange,
} from './exchange.decider';
