/**
 * A value in a Prometheus text exposition: the sum of the series named `name`
 * whose labels include `labels`; 0 when there is none yet (a counter that
 * never moved has no series for its labels).
 */
export const sampleOf = (exposition: string, name: string, labels: Record<string, string> = {}): number => {
  let total = 0;
  for (const line of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) total += Number(match[3]);
  }
  return total;
};
