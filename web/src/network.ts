import { getAll, type Claim, type FairnessReport } from './api';
import { clearChart, drawChart, hatch } from './charts';
import { toCsv } from './csv';
import { $, el, formatNumber, showRefusal, table } from './dom';
import { fairnessReport } from './partners';
import { nameOf, selection } from './state';

/** An active claim lapsing within this many days is flagged. */
const LAPSING_DAYS = 14;
const MAX_ROWS = 50;

let claims: Claim[] | null = null;

const daysUntil = (day: string): number => Math.ceil((Date.parse(`${day}T00:00:00Z`) - Date.now()) / 86_400_000);
const isLapsing = (claim: Claim): boolean => daysUntil(claim.expiresOn) <= LAPSING_DAYS;

const openDebts = (report: FairnessReport) =>
  report.partners.filter((p) => Number(p.openExchangeDebt) > 0).sort((a, b) => Number(b.openExchangeDebt) - Number(a.openExchangeDebt) || (a.isil < b.isil ? -1 : 1));

const tile = (term: string, value: string, id: string) => el('div', { id }, el('dt', {}, term), el('dd', {}, value));

const figures = (report: FairnessReport | null, active: Claim[] | null): HTMLElement => {
  const tiles: HTMLElement[] = [];
  if (report !== null) {
    const { giniOfLendingLoad, totals } = report.network;
    tiles.push(
      tile('Gini of lending load', giniOfLendingLoad === null ? '— (no lending to compare)' : `${giniOfLendingLoad.toFixed(3)} (0 = even, 1 = one partner carries all)`, 'gini'),
      tile('Partners', String(totals.partners), 'partner-count'),
      tile('Loans lent in the period', String(totals.loansLent), 'loans-lent'),
      tile('Open exchange debt (items)', totals.openExchangeDebt, 'exchange-debt'),
      tile('Claims fulfilled / lapsed in the period', `${totals.claimsFulfilled} / ${totals.claimsLapsed}`, 'claims-period'),
    );
  }
  if (active !== null) {
    tiles.push(tile('Active claims', String(active.length), 'claims-active'), tile(`Lapsing within ${LAPSING_DAYS} days`, String(active.filter(isLapsing).length), 'claims-lapsing'));
  }
  return el('dl', { class: 'tiles' }, ...tiles);
};

const drawGoalChart = (report: FairnessReport): void => {
  const furthest = report.network.furthestFromGoal;
  drawChart('goal-chart', {
    type: 'bar',
    data: {
      // The figure is in the label too, so the bars need not be read by colour or length alone.
      labels: furthest.map((p) => `${p.isil} (${p.loadLevellingScore > 0 ? '+' : ''}${formatNumber(p.loadLevellingScore)})`),
      datasets: [
        {
          label: 'load-levelling score (+ should lend next: solid; − lent more than its share: hatched)',
          data: furthest.map((p) => p.loadLevellingScore),
          backgroundColor: furthest.map((p) => (p.loadLevellingScore > 0 ? '#1f5fa8' : hatch('#b35900'))),
          borderColor: furthest.map((p) => (p.loadLevellingScore > 0 ? '#1f5fa8' : '#b35900')),
          borderWidth: 2,
        },
      ],
    },
    options: { indexAxis: 'y', plugins: { title: { display: true, text: 'Partners furthest from their goal' } } },
  });
};

const tables = (report: FairnessReport | null, active: Claim[] | null): HTMLElement[] => [
  ...(report === null
    ? []
    : [
        table('Furthest from goal', ['partner', 'name', 'score', 'ratio', 'goal'], report.network.furthestFromGoal.map((p) => [p.isil, nameOf(p.isil), formatNumber(p.loadLevellingScore), formatNumber(p.ratio), formatNumber(p.goalRatio)]), { id: 'furthest' }),
        table('Open exchange debts (items owed)', ['partner', 'name', 'owes'], openDebts(report).slice(0, MAX_ROWS).map((p) => [p.isil, nameOf(p.isil), p.openExchangeDebt]), { id: 'debts' }),
      ]),
  ...(active === null
    ? []
    : [
        table(
          'Active acquisition claims, lapsing first',
          ['title', 'claimant', 'expires on', 'lapsing?'],
          active.slice(0, MAX_ROWS).map((c) => [`${c.title} (${c.isbn})`, c.claimant, c.expiresOn, isLapsing(c) ? `yes, in ${Math.max(0, daysUntil(c.expiresOn))} days` : 'no']),
          { id: 'claims' },
        ),
      ]),
];

export const loadNetwork = async (): Promise<void> => {
  const report = fairnessReport();
  try {
    claims = selection.agreement === '' ? [] : await getAll<Claim>('acquisition-claims', { status: 'active', agreementId: selection.agreement });
    claims.sort((a, b) => (a.expiresOn < b.expiresOn ? -1 : a.expiresOn > b.expiresOn ? 1 : 0));
  } catch (error) {
    claims = null;
    showRefusal($('network-tables'), error);
  }
  if (report === null) {
    clearChart('goal-chart');
    const refusal = document.querySelector('#partner-detail .refusal');
    $('network-figures').replaceChildren(figures(null, claims), ...(refusal === null ? [] : [refusal.cloneNode(true)]));
  } else {
    $('network-figures').replaceChildren(figures(report, claims));
    drawGoalChart(report);
  }
  if (claims !== null || report !== null) $('network-tables').replaceChildren(...tables(report, claims));
};

export const furthestCsv = (): string | null => {
  const report = fairnessReport();
  return report === null ? null : toCsv(['partner', 'loadLevellingScore', 'ratio', 'goalRatio', 'distanceFromGoal'], report.network.furthestFromGoal.map((p) => [p.isil, p.loadLevellingScore, p.ratio, p.goalRatio, p.distanceFromGoal]));
};

export const debtsCsv = (): string | null => {
  const report = fairnessReport();
  return report === null ? null : toCsv(['partner', 'openExchangeDebt'], openDebts(report).map((p) => [p.isil, p.openExchangeDebt]));
};

export const claimsCsv = (): string | null =>
  claims === null ? null : toCsv(['isbn', 'title', 'claimant', 'expiresOn', 'lapsing'], claims.map((c) => [c.isbn, c.title, c.claimant, c.expiresOn, isLapsing(c)]));
