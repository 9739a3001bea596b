import { ProjectionRunner } from '../../src/application/projections/projection-runner';
import { bearer } from './support/ledger-app';
import { useLedger } from './support/use-ledger';
import { BORROWER, LENDER } from './support/world';

describe('GET /health/ready', () => {
  const { ledger, world } = useLedger();

  const requestLoan = () =>
    ledger()
      .http()
      .post('/v1/loans')
      .set(bearer(world().keys[BORROWER]))
      .send({ agreementId: world().agreementId, lender: LENDER, item: { title: 'Negarakertagama' } });

  it('says, per projection, how far behind the log it is', async () => {
    const loan = await requestLoan();
    await ledger().caughtUp(loan.body.position);
    const ready = await ledger().http().get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info.projections.behind.loans).toEqual({ events: 0, seconds: 0 });
    expect(Object.keys(ready.body.info.projections.behind)).toEqual(expect.arrayContaining(['loans', 'agreements', 'partners']));
  });

  it('fails, naming the events each projection has not folded, when the projections stop following the log', async () => {
    await ledger().app.get(ProjectionRunner).stop();
    expect((await requestLoan()).status).toBe(201);
    expect((await requestLoan()).status).toBe(201);
    const ready = await ledger().http().get('/health/ready');
    expect(ready.status).toBe(503);
    const projections = ready.body.details.projections;
    expect(projections).toMatchObject({ status: 'down', running: false });
    expect(projections.behind.loans.events).toBe(2);
    expect(projections.behind.loans.seconds).toBeGreaterThanOrEqual(0);
  });
});
