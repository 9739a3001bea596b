import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFlags as flagsOf } from '../../bench/start-flags';

const root = join(__dirname, '..', '..');
const startFlags = () => flagsOf(root);

/** The image's command (the Dockerfile's exec-form CMD). */
const imageCommand = (): string[] => {
  const line = readFileSync(join(root, 'Dockerfile'), 'utf8').split('\n').find((l) => l.startsWith('CMD '));
  if (line === undefined) throw new Error('the Dockerfile has no CMD');
  return JSON.parse(line.slice(4)) as string[];
};

describe('how the service is started', () => {
  it('marks the heap on one thread beside the event loop, in npm start and in the image alike', () => {
    expect(startFlags()).toEqual(['--concurrent-marking-max-worker-num=1']);
    expect(imageCommand()).toEqual(['node', ...startFlags(), 'dist/main.js']);
  });

  it('gives flags this Node accepts: an unknown one would stop `npm start` with "bad option"', () => {
    const run = spawnSync(process.execPath, [...startFlags(), '-e', 'process.stdout.write("started")'], { encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('started');
    expect(run.status).toBe(0);
  });

  /** A live set that keeps growing and turning over, so V8 marks the heap concurrently several times; which marking tasks it started. */
  const markingTasks = (flags: readonly string[]): number[] => {
    const work = 'const keep = []; for (let i = 0; i < 30; i++) { keep.push(Array.from({ length: 100000 }, (_, j) => ({ j, s: "x" + j }))); if (keep.length > 8) keep.shift(); }';
    const run = spawnSync(process.execPath, [...flags, '--trace-concurrent-marking', '-e', work], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(0);
    return [...run.stdout.matchAll(/Starting major concurrent marking task (\d+)/g)].map((match) => Number(match[1]));
  };

  it('leaves the event loop a core while V8 marks: one marking task at a time, where V8 alone starts several', () => {
    const started = markingTasks(startFlags());
    expect(started.length).toBeGreaterThan(0);
    expect(new Set(started)).toEqual(new Set([1]));
    // Without the flag V8 starts a task per worker thread it has (four by default), whatever the machine's cores.
    expect(Math.max(...markingTasks([]))).toBeGreaterThan(1);
  });

  it('refuses an unknown flag the same way, so the check above can fail', () => {
    const run = spawnSync(process.execPath, ['--concurrent-marking-max-worker-count=1', '-e', '0'], { encoding: 'utf8', timeout: 30_000 });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('bad option');
  });
});
