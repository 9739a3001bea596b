import './style.css';
import { forgetKey, get, getAll, storedKey, storeKey, type Agreement, type LoggedEvent, type Partner } from './api';
import { download } from './csv';
import { $, el, showRefusal } from './dom';
import { followEvents } from './events';
import { loadMatrix, matrixCsv, refilterMatrix } from './matrix';
import { claimsCsv, debtsCsv, furthestCsv, loadNetwork } from './network';
import { fairnessCsv, loadPartners, monthlyCsv, renderPartners } from './partners';
import { partners, selection } from './state';

const VIEWS = ['balances', 'partners', 'network'] as const;
const CSV: Record<string, [string, () => string | null]> = {
  matrix: ['balances', matrixCsv],
  monthly: ['loans-per-month', monthlyCsv],
  fairness: ['fairness', fairnessCsv],
  furthest: ['furthest-from-goal', furthestCsv],
  debts: ['exchange-debts', debtsCsv],
  claims: ['active-claims', claimsCsv],
};

/** The timeline runs from the first event in the log to now; its right end means "now". */
const timeline = { first: Date.now(), now: Date.now() };

const showView = (): void => {
  const view = VIEWS.find((name) => `#${name}` === location.hash) ?? 'balances';
  for (const name of VIEWS) $(`view-${name}`).hidden = name !== view;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a')) link.setAttribute('aria-current', String(link.dataset.view === view));
};

const yearAgo = (day: string) => `${Number(day.slice(0, 4)) - 1}${day.slice(4, 8)}01`;

const loadChoices = async (): Promise<void> => {
  const [agreements, partnerList, units, first] = await Promise.all([
    getAll<Agreement>('agreements'),
    getAll<Partner>('partners'),
    get<{ units: Array<{ unit: string }> }>('balances/trial').then((answer) => answer.units.map((u) => u.unit)).catch(() => ['loan']),
    get<{ items: LoggedEvent[] }>('events', { limit: 1 }).then((page) => page.items[0]?.metadata.recordedAt).catch(() => undefined),
  ]);
  partners.clear();
  for (const partner of partnerList) partners.set(partner.isil, partner);
  $('partner-list').replaceChildren(...partnerList.map((p) => el('option', { value: p.isil }, p.name)));
  $('agreement').replaceChildren(...agreements.map((a) => el('option', { value: a.agreementId }, a.title)));
  selection.agreement = agreements[0]?.agreementId ?? '';
  $('unit').replaceChildren(...[...new Set(['loan', ...units])].map((unit) => el('option', { value: unit }, unit)));
  timeline.first = first === undefined ? Date.now() : Date.parse(first);
  timeline.now = Date.now();
};

const showAsOf = (): void => {
  const output = $<HTMLOutputElement>('as-of');
  output.replaceChildren(
    el('input', { id: 'as-of-instant', type: 'datetime-local', step: '0.001', 'aria-label': 'As of this instant (local time)', value: selection.asOf === undefined ? '' : toLocalInput(selection.asOf) }),
    selection.asOf === undefined ? ' now (the latest figures)' : ` ${selection.asOf}`,
  );
  $('as-of-instant').addEventListener('change', (event) => {
    const value = (event.target as HTMLInputElement).value;
    pickInstant(value === '' ? undefined : new Date(value).toISOString());
  });
};

const toLocalInput = (iso: string): string => {
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 23);
};

const pickInstant = (instant: string | undefined): void => {
  selection.asOf = instant;
  const slider = $<HTMLInputElement>('timeline');
  slider.value = instant === undefined ? slider.max : String(Math.round(((Date.parse(instant) - timeline.first) / Math.max(1, timeline.now - timeline.first)) * Number(slider.max)));
  showAsOf();
  void loadMatrix();
};

const onSlide = (): void => {
  const slider = $<HTMLInputElement>('timeline');
  const share = Number(slider.value) / Number(slider.max);
  pickInstant(share >= 1 ? undefined : new Date(timeline.first + share * (timeline.now - timeline.first)).toISOString());
};

const loadEverything = async (): Promise<void> => {
  if (storedKey() === null) {
    $('key-state').textContent = 'Paste an API key to see the figures; it stays in this tab only.';
    return;
  }
  $('key-state').textContent = 'Key in use for this tab.';
  try {
    await loadChoices();
  } catch (error) {
    showRefusal($('matrix'), error);
  }
  showAsOf();
  followEvents();
  await Promise.all([loadMatrix(), loadPartners().then(loadNetwork)]);
  document.body.dataset.ready = 'true';
};

const reloadReports = () => void loadPartners().then(loadNetwork);

const wire = (): void => {
  $('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = $<HTMLInputElement>('key');
    if (input.value.trim() !== '') storeKey(input.value.trim());
    input.value = '';
    void loadEverything();
  });
  $('forget').addEventListener('click', () => {
    forgetKey();
    location.reload();
  });
  window.addEventListener('hashchange', showView);
  $('timeline').addEventListener('change', onSlide);
  $('now').addEventListener('click', () => pickInstant(undefined));
  $('unit').addEventListener('change', (event) => {
    selection.unit = (event.target as HTMLSelectElement).value;
    void loadMatrix();
  });
  $('agreement').addEventListener('change', (event) => {
    selection.agreement = (event.target as HTMLSelectElement).value;
    void loadMatrix();
    reloadReports();
  });
  for (const id of ['from', 'to'] as const) {
    $(id).addEventListener('change', (event) => {
      selection[id] = (event.target as HTMLInputElement).value;
      reloadReports();
    });
  }
  $('find').addEventListener('input', (event) => {
    selection.find = (event.target as HTMLInputElement).value;
    refilterMatrix();
    renderPartners();
  });
  for (const button of document.querySelectorAll<HTMLButtonElement>('button.csv')) {
    button.addEventListener('click', () => {
      const [name, csv] = CSV[button.dataset.csv ?? ''];
      const text = csv();
      if (text !== null) download(`${name}.csv`, text);
    });
  }
};

const today = new Date().toISOString().slice(0, 10);
selection.to = today;
selection.from = yearAgo(today);
$<HTMLInputElement>('from').value = selection.from;
$<HTMLInputElement>('to').value = selection.to;
wire();
showView();
void loadEverything();
