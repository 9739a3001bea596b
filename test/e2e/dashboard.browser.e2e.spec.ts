import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { ADMIN_KEY, bearer } from './support/ledger-app';
import { launchBrowser, openDashboard, screenshot, type Browser } from './support/browser';
import { seedDashboardScenario, type DashboardScenario } from './support/dashboard-scenario';
import { useLedger } from './support/use-ledger';
import { BORROWER, LENDER } from './support/world';

type MatrixRow = { partner: string; balance: string; counterparties: Array<{ counterparty: string; balance: string }>; rest: { counterparties: number; balance: string } };

/** Pair → balance, as the API's matrix gives it. */
const pairsOf = (rows: MatrixRow[]) => Object.fromEntries(rows.flatMap((row) => row.counterparties.map((c) => [`${row.partner}/${c.counterparty}`, c.balance])));

/** Pair → [figure as written in the cell, balance it carries], as the page shows them. */
const cellsOf = (page: Page) =>
  page.$$eval('#matrix-table td.cell', (cells) =>
    Object.fromEntries(cells.map((cell) => [`${cell.getAttribute('data-partner')}/${cell.getAttribute('data-counterparty')}`, cell.textContent ?? ''])),
  );

/** "▲ +2" → "2", "▼ -1" → "-1": the figure a reader sees, without the arrow. */
const figure = (text: string) => text.replace(/^[▲▼]\s*/, '').replace(/^\+/, '');
const figures = (cells: Record<string, string>) => Object.fromEntries(Object.entries(cells).map(([pair, text]) => [pair, figure(text)]));

/** The period the page shows until the user picks another: from the first of the month a year ago to today. */
const defaultPeriod = () => {
  const today = new Date().toISOString().slice(0, 10);
  return { from: `${Number(today.slice(0, 4)) - 1}${today.slice(4, 8)}01`, today };
};

const parseCsv = (text: string) => text.trim().split(/\r\n/).map((line) => line.split(','));

// A browser and a page per test: generous guards against a hang on a busy machine, not timings.
jest.setTimeout(120_000);

describe('the dashboard in a real browser', () => {
  const { ledger, world, get } = useLedger({ env: { LEDGER_RATE_LIMIT_PER_MINUTE: '1000000' } });
  let scenario: DashboardScenario;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    scenario = await seedDashboardScenario(ledger(), world());
    browser = await launchBrowser();
    ({ page, errors } = await openDashboard(browser.context, ledger().url, ADMIN_KEY));
  });
  afterAll(() => browser?.close());

  const apiMatrix = async (asOf?: string) =>
    (await get(`/v1/balances/matrix?unit=loan&top=10&agreement=${world().agreementId}${asOf === undefined ? '' : `&asOf=${encodeURIComponent(asOf)}`}`)).body as { partners: MatrixRow[] };

  it('loads with no console error and keeps the key out of the address', async () => {
    await screenshot(page, 'balances-now');
    expect(errors).toEqual([]);
    expect(page.url()).toBe(`${ledger().url}/dashboard/`);
    expect(await page.evaluate("sessionStorage.getItem('ledger-api-key')")).toBe(ADMIN_KEY);
  });

  it('shows in each cell of the matrix the balance the API gives, arrow and sign included', async () => {
    const cells = await cellsOf(page);
    expect(figures(cells)).toEqual(pairsOf((await apiMatrix()).partners));
    expect(cells[`${LENDER}/${BORROWER}`]).toBe('▲ +1');
    expect(cells[`${BORROWER}/${LENDER}`]).toBe('▼ -1');
  });

  it('shows the as-of figures once an earlier instant is picked', async () => {
    await page.fill('#as-of-instant', scenario.betweenRounds.slice(0, 23));
    await page.dispatchEvent('#as-of-instant', 'change');
    await page.waitForSelector(`#matrix-table[data-as-of='${JSON.stringify({ instant: scenario.betweenRounds })}']`);
    const earlier = pairsOf((await apiMatrix(scenario.betweenRounds)).partners);
    expect(figures(await cellsOf(page))).toEqual(earlier);
    expect(earlier[`${LENDER}/${BORROWER}`]).toBe('2');
    await screenshot(page, 'balances-as-of');
  });

  it('downloads the matrix as CSV holding the API’s figures', async () => {
    await page.click('#now');
    await page.waitForSelector(`#matrix-table[data-as-of*='position']`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[data-csv=matrix]')]);
    const [header, ...rows] = parseCsv(readFileSync((await download.path())!, 'utf8'));
    expect(header).toEqual(['partner', 'counterparty', 'unit', 'balance']);
    expect(Object.fromEntries(rows.map(([partner, counterparty, , balance]) => [`${partner}/${counterparty}`, balance]))).toEqual(pairsOf((await apiMatrix()).partners));
  });

  it('finds a partner by name and shows its figures against the fairness report', async () => {
    await page.goto(`${ledger().url}/dashboard/#partners`);
    await page.waitForSelector('body[data-ready=true]');
    await page.fill('#find', 'Berlin');
    await page.waitForSelector(`#partner-figures[data-isil='${LENDER}']`);
    const { from, today } = defaultPeriod();
    const report = (await get(`/v1/reports/fairness?agreement=${world().agreementId}&from=${from}&to=${today}`)).body;
    const lender = report.partners.find((p: { isil: string }) => p.isil === LENDER);
    expect(await page.textContent('#partner-figures')).toContain(`Loans lent : borrowed${lender.loansLent} : ${lender.loansBorrowed}`);
    const monthRows = await page.$$eval('#monthly-figures tbody tr', (rows) => rows.map((row) => [...row.children].map((c) => c.textContent)));
    expect(monthRows.at(-1)).toEqual([today.slice(0, 7), String(lender.loansLent), String(lender.loansBorrowed)]);
    await screenshot(page, 'partners');
  });

  it('shows the network’s Gini, open exchange debts and active claims as the API gives them', async () => {
    await page.click('nav a[data-view=network]');
    await page.waitForSelector('#view-network:not([hidden]) #claims');
    const claims = (await get(`/v1/acquisition-claims?status=active&agreementId=${world().agreementId}`)).body.items;
    const { from, today } = defaultPeriod();
    const { network } = (await get(`/v1/reports/fairness?agreement=${world().agreementId}&from=${from}&to=${today}`)).body;
    expect(network.giniOfLendingLoad).toBeGreaterThan(0);
    expect(await page.textContent('#gini dd')).toContain(network.giniOfLendingLoad.toFixed(3));
    expect(await page.textContent('#claims-active dd')).toBe(String(claims.length));
    expect(await page.$$eval('#debts tbody tr', (rows) => rows.map((row) => [...row.children].map((c) => c.textContent)))).toEqual([[LENDER, 'Staatsbibliothek zu Berlin', '2']]);
    await screenshot(page, 'network');
  });

  it('explains the API’s refusal to a key whose role may not see a view', async () => {
    const librarian = world().keys[BORROWER];
    const refusal = await get(`/v1/reports/fairness?agreement=${world().agreementId}&from=2026-01-01&to=2026-01-31`, librarian);
    expect(refusal.status).toBe(403);
    const { page: tab } = await openDashboard(browser.context, ledger().url, librarian);
    await tab.goto(`${ledger().url}/dashboard/#partners`);
    await tab.waitForSelector('body[data-ready=true]');
    const shown = await tab.textContent('#partner-detail .refusal');
    expect(shown).toContain(`The API refused (403, ${refusal.body.code}): ${refusal.body.detail}.`);
    expect(shown).toContain('coordinator or auditor key');
    // Balances are open to every librarian: the matrix still shows.
    expect(figures(await cellsOf(tab))).toEqual(pairsOf((await apiMatrix()).partners));
    await screenshot(tab, 'refused-librarian');
    await tab.close();
  });

  it('explains an unknown key', async () => {
    const tab = await browser.context.newPage();
    await tab.goto(`${ledger().url}/dashboard/`);
    await tab.fill('#key', 'not-a-key-at-all');
    await tab.click('#key-form button[type=submit]');
    await tab.waitForSelector('body[data-ready=true]');
    const response = await ledger().http().get('/v1/balances/matrix?unit=loan').set(bearer('not-a-key-at-all'));
    expect(await tab.textContent('#matrix .refusal')).toContain(`The API refused (401, ${response.body.code})`);
    await tab.close();
  });
});
