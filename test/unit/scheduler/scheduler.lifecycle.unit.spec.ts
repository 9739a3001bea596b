import type { Scheduler, SchedulerRun } from '../../../src/application/scheduler/scheduler';
import { SchedulerLifecycle } from '../../../src/application/scheduler/scheduler.lifecycle';

const emptyRun: SchedulerRun = { at: '2025-06-02T00:00:00.000Z', loansMarkedOverdue: [], claimsExpired: [], skipped: [] };

/** A scheduler whose runs finish only when the test says so. */
const controlledScheduler = () => {
  const finishers: Array<() => void> = [];
  const scheduler = {
    run: jest.fn(() => new Promise<SchedulerRun>((resolve) => finishers.push(() => resolve(emptyRun)))),
  };
  return { scheduler, finishAll: () => finishers.splice(0).forEach((finish) => finish()) };
};

/** Lets the promise callbacks of a finished run go through. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('the scheduler in the service', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs once per interval, first after one interval, never two runs at once', async () => {
    const { scheduler, finishAll } = controlledScheduler();
    const lifecycle = new SchedulerLifecycle(scheduler as unknown as Scheduler, 300);
    lifecycle.onApplicationBootstrap();
    expect(scheduler.run).not.toHaveBeenCalled();
    jest.advanceTimersByTime(300_000);
    expect(scheduler.run).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(300_000); // the first run is still going: no second one
    expect(scheduler.run).toHaveBeenCalledTimes(1);
    finishAll();
    await settle();
    jest.advanceTimersByTime(300_000);
    expect(scheduler.run).toHaveBeenCalledTimes(2);
    finishAll();
    await lifecycle.beforeApplicationShutdown();
    jest.advanceTimersByTime(3_000_000);
    expect(scheduler.run).toHaveBeenCalledTimes(2);
  });

  it('waits at shutdown for the run in flight', async () => {
    const { scheduler, finishAll } = controlledScheduler();
    const lifecycle = new SchedulerLifecycle(scheduler as unknown as Scheduler, 60);
    lifecycle.onApplicationBootstrap();
    jest.advanceTimersByTime(60_000);
    let stopped = false;
    const stopping = lifecycle.beforeApplicationShutdown().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    finishAll();
    await stopping;
    expect(stopped).toBe(true);
  });

  it('is off when the interval is 0', () => {
    const { scheduler } = controlledScheduler();
    new SchedulerLifecycle(scheduler as unknown as Scheduler, 0).onApplicationBootstrap();
    jest.advanceTimersByTime(86_400_000);
    expect(scheduler.run).not.toHaveBeenCalled();
  });
});
