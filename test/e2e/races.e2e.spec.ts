import { isbnsFrom } from './support/isbns';
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

/** Issue 8 item 5: a claim and a registration of the same title at the same moment. */
describe('a claim racing a holdings registration of its title', () => {
  const { world, post, get } = useLedger({ env: { LEDGER_RATE_LIMIT_PER_MINUTE: '1000000' } });
  const freshIsbn = isbnsFrom(40_000);
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('never leaves an active, unflagged claim on a title the catalogue lists as held by another library (100 races)', async () => {
    const outcomes: Record<string, number> = {};
    for (let race = 0; race < 100; race += 1) {
      const isbn = freshIsbn();
      // One or the other sets off up to a few milliseconds later, so either may commit first.
      const [claimLater, registrationLater] = race % 2 === 0 ? [race % 7, 0] : [0, race % 5];
      const [claimed, registered] = await Promise.all([
        pause(claimLater).then(() => post('/v1/acquisition-claims', world().keys[BORROWER], { agreementId: world().agreementId, isbn, title: 'Cantik Itu Luka' })),
        pause(registrationLater).then(() => post('/v1/holdings', world().keys[LENDER], { items: [{ isbn, title: 'Cantik Itu Luka' }] })),
      ]);
      expect(registered.status).toBe(201);
      expect([201, 409]).toContain(claimed.status);
      if (claimed.status === 409) expect(claimed.body.code).toBe('title-already-held');

      // What each answered covers all it wrote, the flags on other streams too: reading as of the later of the two sees them.
      const settled = [claimed, registered].map((answer) => BigInt(answer.body.position ?? 0)).reduce((a, b) => (a > b ? a : b)).toString();
      const [claim, catalogue] = await Promise.all([
        get(`/v1/acquisition-claims/${isbn}?minPosition=${settled}`),
        get(`/v1/catalog?isbn=${isbn}&minPosition=${settled}`),
      ]);
      const heldByOthers = catalogue.body.items.flatMap((entry: { holders: { isil: string }[] }) => entry.holders.map((h) => h.isil)).filter((isil: string) => isil !== BORROWER);
      expect(heldByOthers).toEqual([LENDER]);
      if (claim.status === 200 && claim.body.status === 'active') {
        expect({ race, isbn, heldElsewhere: claim.body.heldElsewhere }).toEqual({ race, isbn, heldElsewhere: [LENDER] });
        if (claimed.body.heldElsewhere) expect(claimed.body.heldElsewhere).toEqual([LENDER]);
      }
      const outcome = claimed.status === 409 ? 'refused' : claimed.body.heldElsewhere ? 'flagged-at-once' : 'flagged-by-the-registration';
      if (outcome !== 'refused') {
        // The flag is in the answer of the command that wrote it: its position is at most the one that command answered.
        const stream = await get(`/v1/streams/claim-${isbn}?minPosition=${settled}`);
        const flags = stream.body.events.filter((event: { type: string }) => event.type === 'AcquisitionClaimFlagged');
        expect(flags).toHaveLength(1);
        const writer = outcome === 'flagged-at-once' ? claimed : registered;
        expect({ outcome, covered: BigInt(writer.body.position) >= BigInt(flags[0].position) }).toEqual({ outcome, covered: true });
      }
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
    // Which side won each race is the scheduler's doing; each outcome is only counted, so the log shows what the races did.
    console.log(`claim vs holdings races: ${JSON.stringify(outcomes)}`);
  }, 120_000);
});
