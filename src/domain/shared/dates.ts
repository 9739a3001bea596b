const DAY_MS = 86_400_000;

/** A calendar date (YYYY-MM-DD, UTC) a number of days after an instant. */
export const addDays = (from: Date | string, days: number): string =>
  new Date(new Date(from).getTime() + days * DAY_MS).toISOString().slice(0, 10);

/** True once the whole due day has passed (an item due today is not yet overdue). */
export const isPastDue = (dueOn: string, now: Date): boolean =>
  now.getTime() >= new Date(`${dueOn}T00:00:00.000Z`).getTime() + DAY_MS;
