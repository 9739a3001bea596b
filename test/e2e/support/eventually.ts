/** Polls until `check` passes (it throws until then); gives up with its last error after `tries` polls. */
export const eventually = async <T>(check: () => T | Promise<T>, tries = 400, everyMs = 50): Promise<T> => {
  let lastError: unknown;
  for (let i = 0; i < tries; i += 1) {
    try {
      return await check();
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }
  throw lastError;
};
