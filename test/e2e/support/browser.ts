import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`; .ci/run installs it when absent). */
export const CHROMIUM = '/usr/bin/chromium';

/** Screenshots of each view, kept after the run for a person to look at (gitignored; jest and npm run from the repository). */
export const ARTEFACTS = join(process.cwd(), 'test-artifacts', 'dashboard');

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export type Browser = Readonly<{ context: BrowserContext; close: () => Promise<void> }>;

/** Headless Chromium with a new, empty profile, in UTC so instants read the same in the page and the test. */
export const launchBrowser = async (): Promise<Browser> => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get update && apt-get install -y chromium`);
  const profile = mkdtempSync(join(tmpdir(), 'ledger-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    timezoneId: 'UTC',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
};

/** Every console error and uncaught exception of the page, to assert there were none. */
const collectErrors = (page: Page): string[] => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
};

export const screenshot = async (page: Page, name: string): Promise<void> => {
  mkdirSync(ARTEFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage: true });
};

/** Opens the dashboard in a new tab and pastes the key, as a user would; resolves when every view has loaded. */
export const openDashboard = async (context: BrowserContext, url: string, key: string, timeoutMs = 90_000): Promise<{ page: Page; errors: string[] }> => {
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(`${url}/dashboard`);
  await page.fill('#key', key);
  await page.click('#key-form button[type=submit]');
  await page.waitForSelector('body[data-ready=true]', { timeout: timeoutMs });
  return { page, errors };
};
