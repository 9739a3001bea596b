/**
 * Double-entry postings (ARCHITECTURE §5): what each value-moving event means
 * for the balances between partners.
 *
 * Sign convention, for every unit alike: the PROVIDER's balance goes UP (+),
 * the RECEIVER's goes DOWN (−). A positive balance is what the rest of the
 * network owes a partner (it has given more than it got, or is owed money);
 * a negative one is what it owes. Money postings record a claim, not a cash
 * movement: when a loan with a fee ships, the lender is credited and the
 * borrower debited, because the borrower now owes the fee. A later payment
 * would post the other way (payer as provider) and close the debt.
 *
 * | event                           | unit              | provider (+)   | receiver (−)   | why                                                                                           |
 * |---------------------------------|-------------------|----------------|----------------|-----------------------------------------------------------------------------------------------|
 * | LoanShipped                     | loan              | lender         | borrower       | shipping, not accepting, is when the lender gives up the item; the lend:borrow ratio counts it |
 * | LoanShipped with `fee`          | money:{currency}  | lender         | borrower       | the fee is earned by lending, so it falls due when the item leaves, like the loan unit         |
 * | LoanReportedLost with `compensation` | money:{currency} | lender    | borrower       | the borrower owes the lender for an item it can no longer return; the loan unit stays given    |
 * | ExchangeItemsDispatched (n)     | exchange-item     | sender         | receiver       | each side's dispatch is posted alone, so a one-for-one exchange nets to zero only once both have sent; what is left is an open debt |
 * | RotationBatchReceived (n), host ≠ owner | rotation-item | owner      | host           | posted on receipt, since only then does the host have the use of the items; the batch coming home moves nothing (see below) |
 * | ServiceRendered (units)         | service:{kind}    | provider       | recipient      | work given (cataloguing, facility access, training, reference) is owed back in kind or by the agreement's terms |
 * | ServiceVoided (units)           | service:{kind}    | recipient      | provider       | a void reverses, never deletes: the posting it cancels stays in history and the pair nets to zero |
 *
 * A posting from a partner to itself moves nothing, so none is made (this is
 * why a rotation batch received back at its owner posts nothing). An amount of
 * zero (no fee, no units) moves nothing either. Each event makes at most one
 * posting per unit, so (eventId, unit) identifies a posting: a projection can
 * key on it to apply an event twice without counting it twice.
 *
 * Amounts are exact decimal strings (see ./amount); ISILs are taken as the
 * events carry them, upper-cased where they entered (see ../shared/isil).
 */
import { DomainError } from '../shared/errors';
import { AMOUNT_SCALE, formatAmount, parseAmount, type ScaledAmount } from './amount';

export const SERVICE_KINDS = ['cataloguing', 'facility-access', 'training', 'reference'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

export type LedgerUnit = 'loan' | 'exchange-item' | 'rotation-item' | `money:${string}` | `service:${ServiceKind}`;

export const moneyUnit = (currency: string): LedgerUnit => `money:${currency.toUpperCase()}`;
export const serviceUnit = (kind: ServiceKind): LedgerUnit => `service:${kind}`;

export const POSTING_EVENT_TYPES = [
  'LoanShipped',
  'LoanReportedLost',
  'ExchangeItemsDispatched',
  'RotationBatchReceived',
  'ServiceRendered',
  'ServiceVoided',
] as const;
export type PostingEventType = (typeof POSTING_EVENT_TYPES)[number];

export const isPostingEventType = (type: string): type is PostingEventType =>
  (POSTING_EVENT_TYPES as readonly string[]).includes(type);

/** What the ledger needs of a stored event: the envelope's identity, place and time, and the data. */
export type LedgerEvent = Readonly<{
  type: string;
  data: unknown;
  eventId: string;
  /** The store's global position, opaque: balances "as of" a position compare it the store's way. */
  position: string;
  recordedAt: string;
}>;

export type Posting = Readonly<{
  eventId: string;
  position: string;
  recordedAt: string;
  agreementId: string | null;
  unit: LedgerUnit;
  /** Credited (+): it gave, or is owed. */
  provider: string;
  /** Debited (−): it received, or owes. */
  receiver: string;
  /** Canonical decimal string, always > 0. */
  amount: string;
}>;

/** One side of a posting, as a balance sees it: a signed amount for `partner` against `counterparty`. */
export type Entry = Readonly<{
  partner: string;
  counterparty: string;
  unit: LedgerUnit;
  /** Canonical signed decimal string: + for the provider, − for the receiver. */
  amount: string;
}>;

/** A stored event the ledger cannot read. It is a bug upstream; posting a guess would corrupt every balance after it. */
export class UnpostableEvent extends DomainError {
  constructor(event: Pick<LedgerEvent, 'type' | 'eventId'>, why: string, field?: string) {
    super('unpostable-event', `${event.type} ${event.eventId} cannot be posted: ${why}`, 'invalid', field);
  }
}

// ---- the event data the ledger reads (local shapes: the ledger depends on no aggregate's code) ----

type MoneyData = Readonly<{ amount: string; currency: string }>;
type LoanShippedData = Readonly<{ lender: string; borrower: string; agreementId?: string; fee?: MoneyData }>;
type LoanReportedLostData = Readonly<{ lender: string; borrower: string; agreementId?: string; compensation?: MoneyData }>;
type ExchangeItemsDispatchedData = Readonly<{ agreementId: string; sender: string; receiver: string; itemCount: number }>;
type RotationBatchReceivedData = Readonly<{ agreementId: string; owner: string; host: string; itemCount: number }>;
type ServiceData = Readonly<{ agreementId: string; provider: string; recipient: string; kind: ServiceKind; units: number | string }>;

/**
 * A field reader bound to one event and typed by its local data shape: a key
 * the shape lacks fails to compile, and every refusal names the event and field.
 */
const reader = <Data>(event: LedgerEvent) => {
  if (typeof event.data !== 'object' || event.data === null) throw new UnpostableEvent(event, 'its data is not an object');
  const data = event.data as Readonly<Record<string, unknown>>;
  type Key = keyof Data & string;
  const quantity = (field: string, value: unknown, wholeOnly: boolean): ScaledAmount => {
    if (typeof value !== 'string' && typeof value !== 'number') throw new UnpostableEvent(event, `${field} must be a number`, field);
    let scaled: ScaledAmount;
    try {
      scaled = parseAmount(value, field);
    } catch {
      throw new UnpostableEvent(event, `${field} must be a decimal with at most 4 decimals`, field);
    }
    if (scaled < 0n) throw new UnpostableEvent(event, `${field} must not be negative`, field);
    if (wholeOnly && scaled % AMOUNT_SCALE !== 0n) throw new UnpostableEvent(event, `${field} must be a whole number`, field);
    return scaled;
  };
  return {
    isil: (key: Key): string => {
      const value = data[key];
      if (typeof value !== 'string' || value.trim() === '') throw new UnpostableEvent(event, `${key} must be an ISIL`, key);
      return value;
    },
    count: (key: Key): ScaledAmount => quantity(key, data[key], true),
    units: (key: Key): ScaledAmount => quantity(key, data[key], false),
    money: (key: Key): { unit: LedgerUnit; amount: ScaledAmount } | null => {
      const value = data[key];
      if (value === undefined || value === null) return null;
      const { amount, currency } = value as Partial<MoneyData>;
      if (typeof currency !== 'string' || !/^[A-Za-z]{3}$/.test(currency)) {
        throw new UnpostableEvent(event, `${key}.currency must be an ISO 4217 code`, `${key}.currency`);
      }
      return { unit: moneyUnit(currency), amount: quantity(`${key}.amount`, amount, false) };
    },
    serviceKind: (key: Key): ServiceKind => {
      const value = data[key];
      if (!(SERVICE_KINDS as readonly unknown[]).includes(value)) {
        throw new UnpostableEvent(event, `${key} must be one of ${SERVICE_KINDS.join(', ')}`, key);
      }
      return value as ServiceKind;
    },
    agreementId: (): string | null => {
      const value = data.agreementId;
      if (value === undefined || value === null) return null;
      if (typeof value !== 'string') throw new UnpostableEvent(event, 'agreementId must be a string', 'agreementId');
      return value;
    },
  };
};

type Draft = { unit: LedgerUnit; provider: string; receiver: string; amount: ScaledAmount } | null;

const ONE: ScaledAmount = AMOUNT_SCALE;

const rules: Readonly<Record<PostingEventType, (event: LedgerEvent) => Draft[]>> = {
  LoanShipped: (event) => {
    const read = reader<LoanShippedData>(event);
    const lender = read.isil('lender');
    const borrower = read.isil('borrower');
    const fee = read.money('fee');
    return [
      { unit: 'loan', provider: lender, receiver: borrower, amount: ONE },
      fee && { unit: fee.unit, provider: lender, receiver: borrower, amount: fee.amount },
    ];
  },
  LoanReportedLost: (event) => {
    const read = reader<LoanReportedLostData>(event);
    const compensation = read.money('compensation');
    if (compensation === null) return [];
    return [{ unit: compensation.unit, provider: read.isil('lender'), receiver: read.isil('borrower'), amount: compensation.amount }];
  },
  ExchangeItemsDispatched: (event) => {
    const read = reader<ExchangeItemsDispatchedData>(event);
    return [{ unit: 'exchange-item', provider: read.isil('sender'), receiver: read.isil('receiver'), amount: read.count('itemCount') }];
  },
  RotationBatchReceived: (event) => {
    const read = reader<RotationBatchReceivedData>(event);
    return [{ unit: 'rotation-item', provider: read.isil('owner'), receiver: read.isil('host'), amount: read.count('itemCount') }];
  },
  ServiceRendered: (event) => {
    const read = reader<ServiceData>(event);
    const unit = serviceUnit(read.serviceKind('kind'));
    return [{ unit, provider: read.isil('provider'), receiver: read.isil('recipient'), amount: read.units('units') }];
  },
  ServiceVoided: (event) => {
    const read = reader<ServiceData>(event);
    const unit = serviceUnit(read.serviceKind('kind'));
    return [{ unit, provider: read.isil('recipient'), receiver: read.isil('provider'), amount: read.units('units') }];
  },
};

/** The postings one stored event makes: none for an event that moves no value. Throws UnpostableEvent on malformed data. */
export const postingsFor = (event: LedgerEvent): Posting[] => {
  if (!isPostingEventType(event.type)) return [];
  const agreementId = reader<object>(event).agreementId();
  return rules[event.type](event)
    .filter((draft): draft is NonNullable<Draft> => draft !== null && draft.amount > 0n && draft.provider !== draft.receiver)
    .map((draft) => ({
      eventId: event.eventId,
      position: event.position,
      recordedAt: event.recordedAt,
      agreementId,
      unit: draft.unit,
      provider: draft.provider,
      receiver: draft.receiver,
      amount: formatAmount(draft.amount),
    }));
};

/** The two lines of a posting, one per partner; they sum to zero. */
export const entriesOf = (posting: Posting): [Entry, Entry] => {
  const amount = parseAmount(posting.amount);
  return [
    { partner: posting.provider, counterparty: posting.receiver, unit: posting.unit, amount: formatAmount(amount) },
    { partner: posting.receiver, counterparty: posting.provider, unit: posting.unit, amount: formatAmount(-amount) },
  ];
};

/** What a partner provided and received in a unit, summed over some postings; its balance is the difference. */
export type UnitSums = Readonly<{ unit: string; provided: ScaledAmount; received: ScaledAmount }>;

/**
 * One unit of the trial balance: `total` is the sum over every partner of its
 * balance, "0" for a sound ledger; `turnover` is everything provided in that
 * unit, what an auditor sees summing to zero.
 */
export type TrialBalanceLine = Readonly<{ unit: string; total: string; turnover: string }>;

/**
 * The trial balance auditors check, per unit and ordered by unit, from any
 * per-partner sums: the read model's SQL sums or a posting's two sides alike,
 * so the rule is written once however the sums were made. A posting that lost
 * a side, a sign or a filter on the way shows as a non-zero total.
 */
export const trialBalanceOf = (sums: Iterable<UnitSums>): TrialBalanceLine[] => {
  const units = new Map<string, { total: ScaledAmount; turnover: ScaledAmount }>();
  for (const { unit, provided, received } of sums) {
    const sum = units.get(unit) ?? { total: 0n, turnover: 0n };
    units.set(unit, { total: sum.total + provided - received, turnover: sum.turnover + provided });
  }
  return [...units]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([unit, { total, turnover }]) => ({ unit, total: formatAmount(total), turnover: formatAmount(turnover) }));
};

/** The trial balance of some postings, each read from both its entries. */
export const trialBalance = (postings: Iterable<Posting>): TrialBalanceLine[] =>
  trialBalanceOf(
    [...postings].flatMap(entriesOf).map(({ unit, amount }) => {
      const signed = parseAmount(amount);
      return { unit, provided: signed > 0n ? signed : 0n, received: signed < 0n ? -signed : 0n };
    }),
  );
