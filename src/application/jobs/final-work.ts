/**
 * Work that must finish on a graceful shutdown after HTTP has stopped taking
 * requests and before the event store closes (the last seal). Nest calls the
 * shutdown hooks of the root module first, and the root closes the store, so
 * jobs in feature modules hand their last step in here instead.
 */
export class FinalWork {
  private readonly steps: { name: string; run: () => Promise<void> }[] = [];

  add(name: string, run: () => Promise<void>): void {
    this.steps.push({ name, run });
  }

  /** Runs every step, in the order added; one failing does not keep the others from running. */
  async runAll(onError: (name: string, error: unknown) => void): Promise<void> {
    for (const { name, run } of this.steps.splice(0)) {
      try {
        await run();
      } catch (error) {
        onError(name, error);
      }
    }
  }
}
