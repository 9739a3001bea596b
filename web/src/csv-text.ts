/**
 * A text a spreadsheet would run as a formula: it starts with =, +, - or @,
 * or with a tab or carriage return (which some skip before one). The claims'
 * titles are written by any librarian and read by coordinators in their
 * spreadsheets, so such a text is written with a leading apostrophe (OWASP's
 * advice), which spreadsheets show as the text it is. Figures (-1, +2,
 * -0.25) are numbers, not formulas, and stay as the API gave them.
 */
const FORMULA = /^[=+\-@\t\r]/;
const FIGURE = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const inert = (text: string): string => (FORMULA.test(text) && !FIGURE.test(text) ? `'${text}` : text);

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
const field = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : inert(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export const toCsv = (header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string =>
  [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
