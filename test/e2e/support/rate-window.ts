/**
 * The rate limits count in fixed one-minute windows aligned to the clock. A
 * test that counts requests against a limit calls this first: when less than
 * `atLeastMs` is left of the current window it waits for the next, so its
 * requests all fall in one window and the count never restarts under it.
 */
export const startEarlyInRateWindow = async (atLeastMs = 15_000): Promise<void> => {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < atLeastMs) await new Promise((resolve) => setTimeout(resolve, left + 100));
};
