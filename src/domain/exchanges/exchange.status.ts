/** Where an exchange stands; each side's dispatch and receipt are kept beside it. */
export type ExchangeStatus = 'proposed' | 'accepted' | 'completed' | 'declined' | 'cancelled';

/** An exchange in one of these statuses refuses every further command. */
export const CLOSED_EXCHANGE_STATUSES = ['completed', 'declined', 'cancelled'] as const satisfies readonly ExchangeStatus[];

export type ClosedExchangeStatus = (typeof CLOSED_EXCHANGE_STATUSES)[number];

export const isClosedExchangeStatus = (status: ExchangeStatus): status is ClosedExchangeStatus =>
  (CLOSED_EXCHANGE_STATUSES as readonly ExchangeStatus[]).includes(status);

export const STATUS_IN_WORDS: Readonly<Record<ExchangeStatus, string>> = {
  proposed: 'proposed and awaiting the counterpart',
  accepted: 'accepted',
  completed: 'completed',
  declined: 'declined by the counterpart',
  cancelled: 'cancelled',
};
