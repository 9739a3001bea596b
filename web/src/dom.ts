/** Small DOM helpers: text is always set as text, never parsed as HTML. */
export const $ = <E extends HTMLElement = HTMLElement>(id: string): E => {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the page has no #${id}`);
  return element as E;
};

type Child = Node | string;

export const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] => {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
};

/** A plain table: a caption, a header row and rows of cells (text or elements). */
export const table = (caption: string, header: readonly string[], rows: ReadonlyArray<readonly Child[]>, attributes: Record<string, string> = {}): HTMLTableElement =>
  el(
    'table',
    attributes,
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, ...header.map((name, index) => el('th', { scope: 'col', ...(index > 0 && rows[0] && !isFigure(rows[0][index]) ? { class: 'text' } : {}) }, name)))),
    el('tbody', {}, ...rows.map((cells) => el('tr', {}, ...cells.map((cell, index) => (index === 0 ? el('th', { scope: 'row' }, cell) : el('td', isFigure(cell) ? {} : { class: 'text' }, cell)))))),
  );

/** Figures align right, words left. */
const isFigure = (cell: Child): boolean => typeof cell === 'string' && /^[-+−]?[\d.,]+( %| h| d)?$|^—$/.test(cell);

/** Shows the API's refusal (or any failure) where the figures would have been. */
export const showRefusal = (container: HTMLElement, error: unknown): void => {
  const text = error instanceof Error && 'explain' in error ? (error as { explain(): string }).explain() : `Could not load: ${String(error)}`;
  container.replaceChildren(el('p', { class: 'refusal', role: 'alert' }, text));
};

export const formatNumber = (value: number | null, digits = 2): string => (value === null ? '—' : Number.isInteger(value) ? String(value) : value.toFixed(digits));
export const formatPercent = (value: number | null): string => (value === null ? '—' : `${(value * 100).toFixed(0)} %`);
export const formatHours = (value: number | null): string => (value === null ? '—' : value < 48 ? `${value.toFixed(1)} h` : `${(value / 24).toFixed(1)} d`);
