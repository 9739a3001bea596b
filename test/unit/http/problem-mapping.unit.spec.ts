import { StoreClosedError } from '../../../src/application/ports/event-store.port';
import { WalSyncError } from '../../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { toProblem } from '../../../src/infrastructure/http/problem/problem.filter';

describe('the problem a failing event store answers with', () => {
  it('a store that could not sync its log: 503 store-failed, saying it refuses writes until restarted', () => {
    const answer = toProblem(new WalSyncError(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' })));
    expect(answer).toMatchObject({ status: 503, code: 'store-failed', type: 'urn:resource-sharing-ledger:problem:store-failed' });
    expect(answer.detail).toMatch(/refuses appends until the service is restarted/);
  });

  it('a store closing for a shutdown stays 503 shutting-down, and an unknown error stays 500', () => {
    expect(toProblem(new StoreClosedError())).toMatchObject({ status: 503, code: 'shutting-down' });
    expect(toProblem(new Error('boom'))).toMatchObject({ status: 500, code: 'internal' });
  });
});
