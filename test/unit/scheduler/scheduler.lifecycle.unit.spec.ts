import type { Scheduler, SchedulerRun } from '../../../src/application/scheduler/scheduler';
import { SchedulerLifecycle } from '../../../src/application/scheduler/scheduler.lifecycle';
import { SoleInstance } from '../../../src/application/jobs/sole-instance';
import type { LeaderElection, LeaderJob } from '../../../src/application/ports/leader-election.port';

/** An election the test decides: the job leads when `elect` is called and steps down on `depose`. */
const controlledElection = () => {
  let job: LeaderJob | undefined;
  let leading = false;
  const election: LeaderElection = {
    campaign: async (_name, candidate) => {
      job = candidate;
      return { isLeader: () => leading, withdraw: async () => { leading = false; await candidate.stepDown(); } };
    },
    close: async () => undefined,
  };
  return {
    election,
    elect: async () => { leading = true; await job!.lead(); },
    depose: async () => { leading = false; await job!.stepDown(); },
  };
};

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
    const lifecycle = new SchedulerLifecycle(scheduler as unknown as Scheduler, 300, new SoleInstance());
    await lifecycle.onApplicationBootstrap();
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
    const lifecycle = new SchedulerLifecycle(scheduler as unknown as Scheduler, 60, new SoleInstance());
    await lifecycle.onApplicationBootstrap();
    jest.advanceTimersByTime(60_000);
    let stopped = false;
    const stopping = lifecycle.beforeApplicationShutdown().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    finishAll();
    await stopping;
    expect(stopped).toBe(true);
  });

  it('runs only while its instance is elected, and stops at once when it is not', async () => {
    const { scheduler, finishAll } = controlledScheduler();
    const { election, elect, depose } = controlledElection();
    const lifecycle = new SchedulerLifecycle(scheduler as unknown as Scheduler, 60, election);
    await lifecycle.onApplicationBootstrap();
    jest.advanceTimersByTime(600_000);
    expect(scheduler.run).not.toHaveBeenCalled();
    await elect();
    jest.advanceTimersByTime(60_000);
    expect(scheduler.run).toHaveBeenCalledTimes(1);
    finishAll();
    await settle();
    await depose();
    jest.advanceTimersByTime(600_000);
    expect(scheduler.run).toHaveBeenCalledTimes(1);
    await lifecycle.beforeApplicationShutdown();
  });

  it('is off when the interval is 0', async () => {
    const { scheduler } = controlledScheduler();
    await new SchedulerLifecycle(scheduler as unknown as Scheduler, 0, new SoleInstance()).onApplicationBootstrap();
    jest.advanceTimersByTime(86_400_000);
    expect(scheduler.run).not.toHaveBeenCalled();
  });
});
