import { get, type BalanceMatrix, type MatrixRow } from './api';
import { toCsv } from './csv';
import { $, el, showRefusal } from './dom';
import { matches, nameOf, selection } from './state';

/** Rows and named columns on screen at once; the whole answer is in the CSV. */
const MAX_ROWS = 25;
const MAX_COLUMNS = 12;
/** Counterparties each row names when they cannot share columns. */
const RANKED = 6;
/** Counterparties the API names per row before grouping the rest. */
const TOP = 10;

let latest: BalanceMatrix | null = null;

const magnitude = (balance: string): number => Math.abs(Number(balance));

/** The rows to show: those the search matches, else the largest balances first. */
const rowsToShow = (rows: readonly MatrixRow[]): MatrixRow[] => {
  const found = selection.find.trim() === '' ? [...rows] : rows.filter((row) => matches(row.partner, selection.find));
  return found.sort((a, b) => magnitude(b.balance) - magnitude(a.balance) || (a.partner < b.partner ? -1 : 1)).slice(0, MAX_ROWS);
};

/**
 * A shared column per counterparty while the rows shown name few enough of
 * them (a true matrix); null when they name more, and each row then lists its
 * own largest counterparties, ranked.
 */
const sharedColumns = (rows: readonly MatrixRow[]): string[] | null => {
  const named = new Set(rows.flatMap((row) => row.counterparties.map((c) => c.counterparty)));
  return named.size <= MAX_COLUMNS ? [...named].sort() : null;
};

const signed = (balance: string): string => (balance.startsWith('-') || balance === '0' ? balance : `+${balance}`);
const arrow = (balance: string): string => (balance === '0' ? '' : balance.startsWith('-') ? '▼ ' : '▲ ');

/** A cell readable without colour: an arrow and a signed figure; the colour only repeats them. */
const cell = (partner: string, counterparty: string, balance: string | undefined, largest: number, unit: string): HTMLTableCellElement => {
  if (balance === undefined) return el('td', { class: 'empty', 'data-partner': partner, 'data-counterparty': counterparty }, '·');
  const share = Math.min(1, magnitude(balance) / (largest || 1));
  const tone = balance.startsWith('-') ? 'owes' : 'owed';
  const says = balance.startsWith('-') ? `${partner} owes ${counterparty} ${balance.slice(1)} ${unit}` : `${counterparty} owes ${partner} ${balance} ${unit}`;
  const td = el('td', { class: `cell ${tone}`, title: says, 'data-partner': partner, 'data-counterparty': counterparty, 'data-balance': balance }, `${arrow(balance)}${signed(balance)}`);
  td.style.setProperty('--share', share.toFixed(3));
  return td;
};

const headerCell = (isil: string) => el('th', { scope: 'col', title: nameOf(isil) }, isil);
const rowHeader = (isil: string) => el('th', { scope: 'row', title: nameOf(isil) }, isil);

/** The row's balance with everyone not in a cell, and how many they are. */
const othersCell = (row: MatrixRow, shown: ReadonlyArray<{ balance: string }>) => {
  const others = row.counterparties.length - shown.length + row.rest.counterparties;
  const sum = shown.reduce((total, c) => total - Number(c.balance), Number(row.balance));
  return el('td', { class: 'others', 'data-others': String(others) }, others === 0 ? '·' : `${signed(String(+sum.toFixed(4)))} (${others})`);
};
const totalCell = (row: MatrixRow) => el('td', { class: 'total', 'data-total': row.balance }, `${arrow(row.balance)}${signed(row.balance)}`);

type Layout = { head: HTMLElement; body: HTMLElement[] };

const matrixLayout = (rows: readonly MatrixRow[], columns: readonly string[], largest: number, unit: string): Layout => ({
  head: el('tr', {}, el('th', { scope: 'col' }, 'partner \\ counterparty'), ...columns.map(headerCell), el('th', { scope: 'col' }, 'others (how many)'), el('th', { scope: 'col' }, 'balance')),
  body: rows.map((row) => {
    const named = new Map(row.counterparties.map((c) => [c.counterparty, c.balance]));
    const shown = row.counterparties.filter((c) => columns.includes(c.counterparty));
    return el('tr', { 'data-partner': row.partner }, rowHeader(row.partner), ...columns.map((isil) => cell(row.partner, isil, named.get(isil), largest, unit)), othersCell(row, shown), totalCell(row));
  }),
});

/** At network scale: each row's own largest counterparties, ranked, the counterparty named in the cell. */
const rankedLayout = (rows: readonly MatrixRow[], largest: number, unit: string): Layout => {
  const slots = Array.from({ length: RANKED }, (_, i) => i);
  return {
    head: el('tr', {}, el('th', { scope: 'col' }, 'partner'), ...slots.map((i) => el('th', { scope: 'col' }, i === 0 ? 'largest counterparty' : `#${i + 1}`)), el('th', { scope: 'col' }, 'others (how many)'), el('th', { scope: 'col' }, 'balance')),
    body: rows.map((row) => {
      const shown = row.counterparties.slice(0, RANKED);
      const cells = slots.map((i) => {
        const c = shown[i];
        if (c === undefined) return el('td', { class: 'empty' }, '·');
        const td = cell(row.partner, c.counterparty, c.balance, largest, unit);
        td.prepend(el('span', { class: 'who' }, c.counterparty));
        return td;
      });
      return el('tr', { 'data-partner': row.partner }, rowHeader(row.partner), ...cells, othersCell(row, shown), totalCell(row));
    }),
  };
};

const render = (answer: BalanceMatrix): void => {
  const rows = rowsToShow(answer.partners);
  const columns = sharedColumns(rows);
  const largest = Math.max(0, ...rows.flatMap((row) => row.counterparties.map((c) => magnitude(c.balance))));
  const cut = 'position' in answer.asOf ? `position ${answer.asOf.position}` : answer.asOf.instant;
  const scope = answer.agreementId === undefined ? 'the whole network' : 'this agreement';
  const caption = `${answer.unit} balances under ${scope} as of ${cut}: ${rows.length} of ${answer.partners.length} partners shown${columns === null ? ', each with its largest counterparties' : ''}`;
  const { head, body } = columns === null ? rankedLayout(rows, largest, answer.unit) : matrixLayout(rows, columns, largest, answer.unit);
  $('matrix').replaceChildren(
    answer.partners.length === 0
      ? el('p', {}, `No ${answer.unit} postings up to ${cut}.`)
      : el('table', { class: 'heatmap', id: 'matrix-table', 'data-as-of': JSON.stringify(answer.asOf) }, el('caption', {}, caption), el('thead', {}, head), el('tbody', {}, ...body)),
  );
};

export const loadMatrix = async (): Promise<void> => {
  try {
    latest = await get<BalanceMatrix>('balances/matrix', { unit: selection.unit, top: TOP, asOf: selection.asOf, agreement: selection.agreement || undefined });
    render(latest);
  } catch (error) {
    latest = null;
    showRefusal($('matrix'), error);
  }
};

/** Re-filters the last answer without asking the API again. */
export const refilterMatrix = (): void => {
  if (latest !== null) render(latest);
};

/** Every pair of the last answer, each row's grouped rest as "(others)", and each partner's total. */
export const matrixCsv = (): string | null =>
  latest === null
    ? null
    : toCsv(
        ['partner', 'counterparty', 'unit', 'balance'],
        latest.partners.flatMap((row) => [
          ...row.counterparties.map((c) => [row.partner, c.counterparty, latest!.unit, c.balance]),
          ...(row.rest.counterparties > 0 ? [[row.partner, `(${row.rest.counterparties} others)`, latest!.unit, row.rest.balance]] : []),
        ]),
      );
