import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

/** These tests run the built service (`npm run build`, part of `npm test`) as a real process. */
export const MAIN = join(__dirname, '../../../dist/main.js');

export type Started = { child: ChildProcessWithoutNullStreams; url: string; output: () => string; exited: Promise<{ code: number | null; signal: string | null }> };

export const launch = (env: Record<string, string>): Started => {
  const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ...env } });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, url: '', output: () => output, exited };
};

export const waitForUrl = async (started: Started): Promise<string> => {
  // A hang guard, not a measure: a loaded machine may take a while to start the process.
  for (let i = 0; i < 1200; i++) {
    const match = /listening on (http:\/\/[^\s]+)/.exec(started.output());
    if (match) return match[1];
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the service did not start:\n${started.output()}`);
};

