import { PROBLEM } from './support/problems';
import { useLedger } from './support/use-ledger';
import { BORROWER, LENDER } from './support/world';

/** Issue 8 item 4: under concurrency the only refusals are broken rules, never `concurrent-change`. */
describe('concurrent commands on one stream', () => {
  const MAX_RENEWALS = 7;
  const { world, post } = useLedger({ env: { LEDGER_RATE_LIMIT_PER_MINUTE: '1000000' }, terms: { maxRenewals: MAX_RENEWALS } });
  const key = (isil: string) => world().keys[isil];

  const loanOnLoan = async (): Promise<string> => {
    const requested = await post('/v1/loans', key(BORROWER), { agreementId: world().agreementId, lender: LENDER, item: { title: 'Serat Centhini' } });
    expect(requested.status).toBe(201);
    const loanId = requested.body.loanId as string;
    for (const [step, by] of [['accept', LENDER], ['ship', LENDER], ['receive', BORROWER]]) {
      expect((await post(`/v1/loans/${loanId}/${step}`, key(by))).status).toBe(200);
    }
    return loanId;
  };

  it('lets exactly the renewals the terms allow succeed out of 50 at once, and refuses the rest for that rule alone', async () => {
    const loanId = await loanOnLoan();

    const responses = await Promise.all(Array.from({ length: 50 }, () => post(`/v1/loans/${loanId}/renew`, key(BORROWER))));

    const succeeded = responses.filter((response) => response.status === 200);
    const refused = responses.filter((response) => response.status !== 200);
    expect(succeeded).toHaveLength(MAX_RENEWALS);
    expect(succeeded.map((response) => response.body.streamVersion).sort((a, b) => a - b)).toEqual(
      Array.from({ length: MAX_RENEWALS }, (_, i) => 5 + i),
    );
    expect(refused.map((response) => [response.status, response.headers['content-type'], response.body.code])).toEqual(
      Array.from({ length: 50 - MAX_RENEWALS }, () => [409, expect.stringMatching(PROBLEM), 'renewal-limit-reached']),
    );
  });
});
