import { get, type LoggedEvent } from './api';
import { $, el, showRefusal } from './dom';

const SHOWN = 12;
const POLL_MS = 5000;

let after: string | null = null;
let timer: number | undefined;

const line = (event: LoggedEvent) =>
  el(
    'li',
    { 'data-position': event.position },
    el('time', { datetime: event.metadata.recordedAt }, event.metadata.recordedAt.replace('T', ' ').slice(0, 19)),
    ' ',
    el('strong', {}, event.type),
    ` ${event.streamId}${event.metadata.actor?.library ? ` by ${event.metadata.actor.library}` : ''}`,
  );

const show = (events: LoggedEvent[]): void => {
  const list = $('events');
  list.prepend(...events.reverse().map(line));
  while (list.children.length > SHOWN) list.lastElementChild!.remove();
};

/** The log's head, so the strip starts with the latest events rather than the oldest. */
const startAt = async (): Promise<string> => {
  const { asOf } = await get<{ asOf: { position: string } }>('balances/trial');
  const head = BigInt(asOf.position);
  return String(head > BigInt(SHOWN) ? head - BigInt(SHOWN) : 0n);
};

const poll = async (): Promise<void> => {
  try {
    after ??= await startAt();
    const page = await get<{ items: LoggedEvent[]; next: string | null }>('events', { after, limit: 100 });
    if (page.items.length > 0) show(page.items);
    after = page.next ?? after;
    $('live-state').textContent = `(polled every ${POLL_MS / 1000} s)`;
  } catch (error) {
    showRefusal($('events'), error);
    $('live-state').textContent = '';
  }
};

/** Polls the paged log: `/v1/events` after the last position seen. */
export const followEvents = (): void => {
  window.clearInterval(timer);
  after = null;
  $('events').replaceChildren();
  void poll();
  timer = window.setInterval(() => void poll(), POLL_MS);
};
