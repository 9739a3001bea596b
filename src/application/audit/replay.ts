import { agreementDecider } from '../../domain/agreements';
import { claimDecider } from '../../domain/claims';
import { exchangeDecider } from '../../domain/exchanges';
import { holdingsDecider } from '../../domain/holdings';
import { entriesOf, formatAmount, parseAmount, postingsFor } from '../../domain/ledger';
import { loanDecider } from '../../domain/loans';
import { PartnerNotFound, partnerDecider } from '../../domain/partners';
import { rotationDecider } from '../../domain/rotations';
import { serviceDecider } from '../../domain/services';
import type { Decider, DomainEvent } from '../../domain/shared/decider';
import type { BalanceCut, BalanceLine } from '../ports/balances.port';
import type { Position, RecordedEvent } from '../ports/event-store.port';
import { beyondHead } from '../ledger/beyond-head';

type Fold = Pick<Decider<unknown, never, DomainEvent>, 'evolve' | 'initialState'>;

/** The aggregate behind each kind of stream (see cooperation/streams.ts), by the prefix of its id. */
const DECIDERS: Readonly<Record<string, Fold>> = {
  partner: partnerDecider as unknown as Fold,
  agreement: agreementDecider as unknown as Fold,
  loan: loanDecider as unknown as Fold,
  exchange: exchangeDecider as unknown as Fold,
  rotation: rotationDecider as unknown as Fold,
  claim: claimDecider as unknown as Fold,
  service: serviceDecider as unknown as Fold,
  holdings: holdingsDecider as unknown as Fold,
};

export const deciderOfStream = (streamId: string): Fold | undefined => DECIDERS[streamId.slice(0, streamId.indexOf('-'))];

/** Each event of one stream with the aggregate's state after it, folded by the aggregate's own evolve. */
export async function* replayStream(events: AsyncIterable<RecordedEvent>, streamId: string): AsyncGenerator<{ event: RecordedEvent; state: unknown }> {
  const decider = deciderOfStream(streamId);
  if (decider === undefined) throw new RangeError(`${streamId} is not the stream of an aggregate (${Object.keys(DECIDERS).join(', ')})`);
  let state = decider.initialState();
  for await (const event of events) {
    if (event.streamId !== streamId) continue;
    state = decider.evolve(state, event as DomainEvent);
    yield { event, state };
  }
}

const within = (cut: BalanceCut, event: RecordedEvent): boolean =>
  'position' in cut ? BigInt(event.position) <= BigInt(cut.position) : event.metadata.recordedAt <= cut.instant;

/**
 * Balances as of a cut, from the log alone: each event posted by the domain's
 * rules, entries summed per partner and unit, in the order and form of
 * `GET /v1/balances`. `now` is when the log was read (or exported): a cut it
 * had not reached is refused as the API refuses it (BeyondHead).
 */
export const replayBalances = async (
  events: AsyncIterable<RecordedEvent>, cut: BalanceCut, now: string, partner?: string,
): Promise<{ asOf: BalanceCut; balances: BalanceLine[] }> => {
  const sums = new Map<string, Map<string, bigint>>();
  let head: Position | null = null;
  // A partner is looked for in the whole log read, as the API tells an unknown one (registered now, whatever the cut).
  let registered = partner === undefined;
  for await (const event of events) {
    head = event.position;
    if (!registered && event.type === 'PartnerRegistered' && (event.data as { isil?: string }).isil === partner) registered = true;
    if ('position' in cut && BigInt(event.position) > BigInt(cut.position)) {
      if (registered) break;
      continue;
    }
    if (!within(cut, event)) continue;
    const postings = postingsFor({ type: event.type, data: event.data, eventId: event.eventId, position: event.position, recordedAt: event.metadata.recordedAt });
    for (const entry of postings.flatMap(entriesOf)) {
      if (partner !== undefined && entry.partner !== partner) continue;
      const units = sums.get(entry.partner) ?? new Map<string, bigint>();
      units.set(entry.unit, (units.get(entry.unit) ?? 0n) + parseAmount(entry.amount));
      sums.set(entry.partner, units);
    }
  }
  const beyond = beyondHead(cut, head, now);
  if (beyond) throw beyond;
  if (!registered) throw new PartnerNotFound(partner!, 'partner');
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const balances = [...sums.keys()].sort(byText).flatMap((name) => {
    const units = sums.get(name)!;
    return [...units.keys()].sort(byText).map((unit) => ({ partner: name, unit, balance: formatAmount(units.get(unit)!) }));
  });
  return { asOf: cut, balances };
};
