import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The node flags `npm start` runs the service with (package.json's start
 * script, `node <flags> dist/main.js`), so that a bench measures the service
 * as it is run. `root`: the repository's.
 */
export const startFlags = (root: string): string[] => {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const match = /^node((?: --\S+)*) dist\/main\.js$/.exec(scripts.start);
  if (match === null) throw new Error(`the start script is not \`node [flags] dist/main.js\`: ${scripts.start}`);
  return match[1].split(' ').filter((flag) => flag !== '');
};
