import { readFileSync } from 'node:fs';

/** The kernel's tick rate, in which /proc counts CPU time. */
const CLOCK_TICKS = 100;

/**
 * CPU seconds (user + system) a process or one of its threads has used, from
 * its /proc stat file: `/proc/<pid>/stat` for a whole process,
 * `/proc/self/task/<tid>/stat` for one thread.
 */
export const procCpuSeconds = (statFile: string): number => {
  const fields = readFileSync(statFile, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
};
