import { GetBalancesHandler } from '../../../src/application/ledger/balance.handlers';
import { GetBalancesQuery } from '../../../src/application/ledger/balance.messages';
import type { BalancesQueries } from '../../../src/application/ports/balances.port';
import type { EventStore } from '../../../src/application/ports/event-store.port';
import type { ProjectionRunner } from '../../../src/application/projections/projection-runner';

/** The read models are at 119, the log holds 120 events: what must a balance query wait for before it answers? */
const setUp = () => {
  const waitedFor: string[] = [];
  const runner = {
    waitFor: async (position: string) => void waitedFor.push(position),
    status: () => ({ position: '119', running: true, error: null }),
  } as unknown as ProjectionRunner;
  const store = { headPosition: async () => '120' } as unknown as EventStore;
  const ledger = { balances: async () => [] } as unknown as BalancesQueries;
  return { handler: new GetBalancesHandler(ledger, runner, store), waitedFor };
};

describe('the cut of a balance query', () => {
  it('waits for an as-of position the read models have not reached yet', async () => {
    const { handler, waitedFor } = setUp();
    expect((await handler.execute(new GetBalancesQuery({}, { asOf: { position: '120' } }))).asOf).toEqual({ position: '120' });
    expect(waitedFor).toEqual(['120']);
  });

  it('waits only for the head of the log when the position is further than the log goes', async () => {
    const { handler, waitedFor } = setUp();
    await handler.execute(new GetBalancesQuery({}, { asOf: { position: '999999' } }));
    expect(waitedFor).toEqual(['120']);
  });

  it('waits for the whole log for an instant, since any event recorded before it is already there', async () => {
    const { handler, waitedFor } = setUp();
    await handler.execute(new GetBalancesQuery({}, { asOf: { instant: '2026-01-01T00:00:00.000Z' } }));
    expect(waitedFor).toEqual(['120']);
  });

  it('takes the later of asOf and minPosition', async () => {
    const { handler, waitedFor } = setUp();
    await handler.execute(new GetBalancesQuery({}, { asOf: { position: '50' }, minPosition: '110' }));
    expect(waitedFor).toEqual(['110']);
  });

  it('without asOf, cuts where the read models are and waits for nothing', async () => {
    const { handler, waitedFor } = setUp();
    expect((await handler.execute(new GetBalancesQuery({}))).asOf).toEqual({ position: '119' });
    expect(waitedFor).toEqual([]);
  });
});
