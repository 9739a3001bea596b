"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.openDashboard = exports.screenshot = exports.launchBrowser = exports.ARTEFACTS = exports.CHROMIUM = void 0;
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const playwright_core_1 = require("playwright-core");
/** Debian's Chromium (`apt-get install -y chromium`; .ci/run installs it when absent). */
exports.CHROMIUM = '/usr/bin/chromium';
/** Screenshots of each view, kept after the run for a person to look at (gitignored; jest and npm run from the repository). */
exports.ARTEFACTS = (0, node_path_1.join)(process.cwd(), 'test-artifacts', 'dashboard');
const ARGS = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
/** Headless Chromium with a new, empty profile, in UTC so instants read the same in the page and the test. */
const launchBrowser = async () => {
    if (!(0, node_fs_1.existsSync)(exports.CHROMIUM))
        throw new Error(`${exports.CHROMIUM} is missing: apt-get update && apt-get install -y chromium`);
    const profile = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'ledger-chromium-'));
    const context = await playwright_core_1.chromium.launchPersistentContext(profile, {
        executablePath: exports.CHROMIUM,
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
            (0, node_fs_1.rmSync)(profile, { recursive: true, force: true });
        },
    };
};
exports.launchBrowser = launchBrowser;
/** Every console error and uncaught exception of the page, to assert there were none. */
const collectErrors = (page) => {
    const errors = [];
    page.on('console', (message) => {
        if (message.type() === 'error')
            errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    return errors;
};
const screenshot = async (page, name) => {
    (0, node_fs_1.mkdirSync)(exports.ARTEFACTS, { recursive: true });
    await page.screenshot({ path: (0, node_path_1.join)(exports.ARTEFACTS, `${name}.png`), fullPage: true });
};
exports.screenshot = screenshot;
/** Opens the dashboard in a new tab and pastes the key, as a user would; resolves when every view has loaded. */
const openDashboard = async (context, url, key, timeoutMs = 90_000) => {
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${url}/dashboard`);
    await page.fill('#key', key);
    await page.click('#key-form button[type=submit]');
    await page.waitForSelector('body[data-ready=true]', { timeout: timeoutMs });
    return { page, errors };
};
exports.openDashboard = openDashboard;
//# sourceMappingURL=browser.js.map