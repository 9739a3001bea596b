import { GetBalancesHandler } from '../../../src/application/ledger/balance.handlers';
import { GetBalancesQuery } from '../../../src/application/ledger/balance.messages';
import { BeyondHead } from '../../../src/application/ledger/beyond-head';
import type { CooperationFacts } from '../../../src/application/cooperation/cooperation-facts';
import type { BalancesQueries } from '../../../src/application/ports/balances.port';
import type { EventStore } from '../../../src/application/ports/event-store.port';
import type { ProjectionRunner } from '../../../src/application/projections/projection-runner';

/** The read models are at 119, the log holds 120 events: what must a balance query wait for before it answers? */
const setUp = () => {
  const waitedFor: string[] = [];
  const readModels: Array<readonly string[] | undefined> = [];
  const runner = {
    waitFor: async (position: string, _timeoutMs: number, projections?: readonly string[]) => {
      waitedFor.push(position);
      readModels.push(projections);
    },
    // The postings are at 119; another read model (stuck, say) is further behind.
    positionOf: (projections: readonly string[]) => (projections.join() === 'postings' ? '119' : '7'),
    status: () => ({ position: '7', running: true, error: null }),
  } as unknown as ProjectionRunner;
  const store = { headPosition: async () => '120' } as unknown as EventStore;
  const ledger = { balances: async () => [] } as unknown as BalancesQueries;
  const clock = { now: () => new Date('2026-01-01T00:00:00.000Z') };
  // These queries name no partner: no registration is read.
  const facts = {} as CooperationFacts;
  return { handler: new GetBalancesHandler(ledger, runner, store, clock, facts), waitedFor, readModels };
};

describe('the cut of a balance query', () => {
  it('waits for an as-of position the read models have not reached yet: the postings alone, which every balance reads', async () => {
    const { handler, waitedFor, readModels } = setUp();
    expect((await handler.execute(new GetBalancesQuery({}, { asOf: { position: '120' } }))).asOf).toEqual({ position: '120' });
    expect(waitedFor).toEqual(['120']);
    expect(readModels).toEqual([['postings']]);
  });

  it('refuses a position further than the log goes, naming the head, and waits for nothing', async () => {
    const { handler, waitedFor } = setUp();
    const refused = await handler.execute(new GetBalancesQuery({}, { asOf: { position: '121' } })).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BeyondHead);
    expect(refused).toMatchObject({ head: '120' });
    expect(waitedFor).toEqual([]);
  });

  it('waits for the whole log for an instant already past, since any event recorded at or before it is already there', async () => {
    const { handler, waitedFor } = setUp();
    await handler.execute(new GetBalancesQuery({}, { asOf: { instant: '2025-12-31T23:59:59.999Z' } }));
    expect(waitedFor).toEqual(['120']);
  });

  it('refuses an instant not yet past: an event committed later could still be recorded at it', async () => {
    const { handler, waitedFor } = setUp();
    await expect(handler.execute(new GetBalancesQuery({}, { asOf: { instant: '2026-01-01T00:00:00.000Z' } }))).rejects.toBeInstanceOf(BeyondHead);
    expect(waitedFor).toEqual([]);
  });

  it('takes the later of asOf and minPosition', async () => {
    const { handler, waitedFor } = setUp();
    await handler.execute(new GetBalancesQuery({}, { asOf: { position: '50' }, minPosition: '110' }));
    expect(waitedFor).toEqual(['110']);
  });

  it('without asOf, cuts where the postings are and waits for nothing', async () => {
    const { handler, waitedFor } = setUp();
    expect((await handler.execute(new GetBalancesQuery({}))).asOf).toEqual({ position: '119' });
    expect(waitedFor).toEqual([]);
  });
});
