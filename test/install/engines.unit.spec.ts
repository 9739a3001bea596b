import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { subset } from 'semver';

const ROOT = join(__dirname, '..', '..');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

type Lock = { packages: Record<string, unknown> };

/** Every package the lock installs (production and dev) that is on this machine, with the Node range it declares. */
const installedEngines = (): Array<{ path: string; node: string }> =>
  Object.keys((readJson(join(ROOT, 'package-lock.json')) as Lock).packages)
    .filter((path) => path.startsWith('node_modules/'))
    // Other platforms' optional packages are listed in the lock but not installed here.
    .filter((path) => existsSync(join(ROOT, path, 'package.json')))
    .map((path) => ({ path, node: readJson(join(ROOT, path, 'package.json')).engines?.node as unknown }))
    .filter((entry): entry is { path: string; node: string } => typeof entry.node === 'string');

describe('the Node versions the project declares', () => {
  const declared = readJson(join(ROOT, 'package.json')).engines.node as string;

  it('reads the engines of the installed packages', () => expect(installedEngines().length).toBeGreaterThan(50));

  it('are within the range every installed package supports', () => {
    const narrower = installedEngines().filter(({ node }) => !subset(declared, node, { includePrerelease: false }));
    expect(narrower).toEqual([]);
  });

  it('include the Node line CI runs', () => expect(subset('20.19.0 || 20.20.0', declared)).toBe(true));
});
