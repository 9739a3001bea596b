import type { DeliveryAttempt, DeliveryTarget } from '../../src/application/subscriptions/delivery/delivery-target';

/** A librarian's webhook, as the stores of delivery targets keep one. */
export const aTarget: DeliveryTarget = {
  id: 't1',
  kind: 'webhook',
  url: 'https://example.org/in',
  filter: { types: ['LoanShipped'], categories: [], partners: ['DE-1'] },
  owner: { keyId: 'k1', role: 'librarian', library: 'DE-1' },
  secret: 'whsec_x',
  enabled: true,
  disabledReason: null,
  checkpoint: null,
  failures: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

/** One attempt at delivering the event at `position`: acknowledged, or answered 500. */
export const anAttempt = (position: number, ok = true): DeliveryAttempt => ({
  eventId: `e${position}`,
  type: 'LoanShipped',
  position: String(position),
  attempt: 1,
  ok,
  status: ok ? 200 : 500,
  durationMs: 3,
  error: ok ? null : 'the receiver answered 500',
  response: null,
  at: '2026-01-01T00:00:01.000Z',
});
