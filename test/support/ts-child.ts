/**
 * The start of a script for `node -e` that `require`s the project's
 * TypeScript sources, compiled by SWC as Jest's transform does, so that a
 * spec can run a store in a process of its own (to kill it, or to see it
 * exit). Then `requireSource('src/…')` gives the text that requires a module.
 */
export const TS_CHILD_PRELUDE = `
const fs = require('node:fs');
const swc = require(${JSON.stringify(require.resolve('@swc/core'))});
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
`;

/** `require(…)` of a source file, by its path from the project's root, for a script that starts with TS_CHILD_PRELUDE. */
export const requireSource = (path: string): string => `require(${JSON.stringify(require.resolve(`../../${path}.ts`))})`;
