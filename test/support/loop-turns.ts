/**
 * Counts the turns of the event loop from now (a setImmediate that sets
 * itself again each turn) until `stop`. A read of SQLite never waits: what
 * a long read lets run meanwhile shows as turns counted during it.
 */
export const loopTurns = () => {
  let turns = 0;
  let counting = true;
  const tick = () => {
    turns += 1;
    if (counting) setImmediate(tick);
  };
  setImmediate(tick);
  return {
    /** The turns counted so far. */
    now: () => turns,
    /** Stops counting; the turns counted. */
    stop: () => {
      counting = false;
      return turns;
    },
  };
};
