import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const SRC = resolve(__dirname, '../../src');

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );

const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (match) => match[1] ?? match[2] ?? match[3],
  );

/** Every import of `layer` that leaves the folders it may depend on. */
const violations = (layer: string, mayReach: (target: string) => boolean, allowPackages: (name: string) => boolean) =>
  sourceFiles(join(SRC, layer)).flatMap((file) =>
    importsOf(file)
      .filter((spec) => (spec.startsWith('.') ? !mayReach(relative(SRC, resolve(file, '..', spec))) : !allowPackages(spec)))
      .map((spec) => `${relative(SRC, file)} imports ${spec}`),
  );

describe('the dependency rule', () => {
  it('keeps src/domain pure: no framework, no database, nothing outside the domain', () => {
    // isbn3: pure functions over the ISBN agency's range table, no I/O.
    const pureLibraries = new Set(['isbn3']);
    expect(violations('domain', (target) => target.startsWith('domain'), (name) => pureLibraries.has(name))).toEqual([]);
  });

  it('keeps src/application free of adapters', () => {
    const adapters = /^(better-sqlite3|pg|@eventstore\/|fastify|@nestjs\/platform-|@nestjs\/terminus)/;
    expect(violations('application', (target) => !target.startsWith('infrastructure'), (name) => !adapters.test(name))).toEqual([]);
  });

  it('finds the imports it checks (the rule cannot pass by reading nothing)', () => {
    const files = sourceFiles(join(SRC, 'domain'));
    expect(files.length).toBeGreaterThan(3);
    expect(files.flatMap(importsOf).length).toBeGreaterThan(3);
  });
});
