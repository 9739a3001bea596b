import { get, type FairnessReport, type LendingByMonth, type PartnerLine } from './api';
import { clearChart, drawChart, hatch } from './charts';
import { toCsv } from './csv';
import { $, el, formatHours, formatNumber, formatPercent, showRefusal, table } from './dom';
import { foundPartner, matches, nameOf, selection } from './state';

const MAX_ROWS = 50;
const LENT = '#1f5fa8';
const BORROWED = '#b35900';

let report: FairnessReport | null = null;
let monthly: LendingByMonth | null = null;

const period = () => ({ agreement: selection.agreement, from: selection.from, to: selection.to });

/** Above or below its goal, in words: the figure alone does not say which way is good. */
const againstGoal = (line: PartnerLine): string =>
  line.ratio === null ? 'borrowed nothing: no ratio' : `${formatNumber(line.ratio)} against a goal of ${formatNumber(line.goalRatio)} (${line.ratio >= line.goalRatio ? 'at or above' : 'below'} goal)`;

const detail = (line: PartnerLine): HTMLElement =>
  el(
    'dl',
    { class: 'tiles', id: 'partner-figures', 'data-isil': line.isil },
    ...[
      ['Partner', `${line.isil} ${nameOf(line.isil)}`],
      ['Loans lent : borrowed', `${line.loansLent} : ${line.loansBorrowed}`],
      ['Lend:borrow ratio', againstGoal(line)],
      ['Load-levelling score', `${formatNumber(line.loadLevellingScore)} (${line.loadLevellingScore > 0 ? 'should lend next' : 'has lent its share'})`],
      ['Fill rate', formatPercent(line.fillRate)],
      ['Turnaround (median / p90)', `${formatHours(line.turnaroundMedianHours)} / ${formatHours(line.turnaroundP90Hours)}`],
      ['Open exchange debt', line.openExchangeDebt],
    ].map(([term, value]) => el('div', {}, el('dt', {}, term), el('dd', {}, value))),
  );

/** The selected partner's months, or the whole network's when none is selected. */
const series = (answer: LendingByMonth, isil: string | undefined) => {
  const lines = isil === undefined ? answer.partners : answer.partners.filter((p) => p.isil === isil);
  const sum = (pick: (p: (typeof lines)[number]) => number[]) => answer.months.map((_, i) => lines.reduce((total, p) => total + pick(p)[i], 0));
  return { label: isil ?? 'the whole network', lent: sum((p) => p.lent), borrowed: sum((p) => p.borrowed) };
};

const renderMonthly = (answer: LendingByMonth, isil: string | undefined): void => {
  const { label, lent, borrowed } = series(answer, isil);
  drawChart('monthly-chart', {
    type: 'bar',
    data: {
      labels: answer.months,
      datasets: [
        { label: `lent (solid)`, data: lent, backgroundColor: LENT, borderColor: LENT, borderWidth: 1 },
        { label: `borrowed (hatched)`, data: borrowed, backgroundColor: hatch(BORROWED), borderColor: BORROWED, borderWidth: 2 },
      ],
    },
    options: { plugins: { title: { display: true, text: `Loans per month: ${label}` } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
  $('monthly-table').replaceChildren(
    table(`Loans per month: ${label}`, ['month', 'lent', 'borrowed'], answer.months.map((month, i) => [month, String(lent[i]), String(borrowed[i])]), { id: 'monthly-figures' }),
  );
};

const fairnessRow = (line: PartnerLine): string[] => [
  line.isil, nameOf(line.isil), String(line.loansLent), String(line.loansBorrowed), formatNumber(line.ratio), formatNumber(line.goalRatio),
  formatNumber(line.loadLevellingScore), formatPercent(line.fillRate), formatHours(line.turnaroundMedianHours), formatHours(line.turnaroundP90Hours), line.openExchangeDebt,
];
const FAIRNESS_HEADER = ['partner', 'name', 'lent', 'borrowed', 'ratio', 'goal', 'score', 'fill rate', 'turnaround median', 'turnaround p90', 'open exchange debt'];

const renderFairness = (answer: FairnessReport): void => {
  const lines = answer.partners
    .filter((line) => matches(line.isil, selection.find))
    .sort((a, b) => Math.abs(b.loadLevellingScore) - Math.abs(a.loadLevellingScore) || (a.isil < b.isil ? -1 : 1))
    .slice(0, MAX_ROWS);
  const caption = `Every partner, furthest from its goal first (${lines.length} of ${answer.partners.length} shown; the CSV has all)`;
  $('fairness-table').replaceChildren(table(caption, FAIRNESS_HEADER, lines.map(fairnessRow), { id: 'fairness-figures' }));
};

export const renderPartners = (): void => {
  const isil = report === null ? undefined : foundPartner(report.partners.map((p) => p.isil));
  const line = report?.partners.find((p) => p.isil === isil);
  if (report !== null) {
    $('partner-detail').replaceChildren(line === undefined ? el('p', {}, 'Find a partner by ISIL or name above to see its figures; the chart shows the whole network until then.') : detail(line));
    renderFairness(report);
  }
  if (monthly !== null) renderMonthly(monthly, isil);
};

export const loadPartners = async (): Promise<void> => {
  if (selection.agreement === '') return;
  try {
    [report, monthly] = await Promise.all([get<FairnessReport>('reports/fairness', period()), get<LendingByMonth>('reports/lending-by-month', period())]);
    renderPartners();
  } catch (error) {
    report = monthly = null;
    clearChart('monthly-chart');
    showRefusal($('partner-detail'), error);
    $('monthly-table').replaceChildren();
    $('fairness-table').replaceChildren();
  }
};

export const fairnessReport = (): FairnessReport | null => report;

export const monthlyCsv = (): string | null =>
  monthly === null
    ? null
    : toCsv(['partner', 'month', 'lent', 'borrowed'], monthly.partners.flatMap((p) => monthly!.months.map((month, i) => [p.isil, month, p.lent[i], p.borrowed[i]])));

export const fairnessCsv = (): string | null =>
  report === null
    ? null
    : toCsv(
        ['partner', 'member', 'loansLent', 'loansBorrowed', 'ratio', 'goalRatio', 'loadLevellingScore', 'fillRate', 'turnaroundMedianHours', 'turnaroundP90Hours', 'openExchangeDebt', 'claimsFulfilled', 'claimsLapsed'],
        report.partners.map((l) => [l.isil, l.member, l.loansLent, l.loansBorrowed, l.ratio, l.goalRatio, l.loadLevellingScore, l.fillRate, l.turnaroundMedianHours, l.turnaroundP90Hours, l.openExchangeDebt, l.claimsFulfilled, l.claimsLapsed]),
      );
