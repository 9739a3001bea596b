import { isbnNo } from './isbns';
import { bearer, type RunningLedger } from './ledger-app';
import { BORROWER, LENDER, THIRD, type World } from './world';

export type DashboardScenario = Readonly<{
  /** Recorded time of the last event before the second round of loans: an as-of cut between the rounds. */
  betweenRounds: string;
  head: string;
}>;

const must = async <R extends { status: number; text: string; body: unknown }>(response: Promise<R>, what: string): Promise<R> => {
  const answer = await response;
  if (answer.status >= 300) throw new Error(`${what}: ${answer.status} ${answer.text}`);
  return answer;
};

/** Requested, accepted and shipped: one loan posted, lender +1, borrower −1. */
const shipLoan = async (ledger: RunningLedger, world: World, borrower: string, lender: string): Promise<string> => {
  const post = (path: string, isil: string, body: object = {}) => must(ledger.http().post(path).set(bearer(world.keys[isil])).send(body), path);
  const { loanId } = (await post('/v1/loans', borrower, { agreementId: world.agreementId, lender, item: { title: 'Babad Tanah Jawi' } })).body as { loanId: string };
  await post(`/v1/loans/${loanId}/accept`, lender);
  return ((await post(`/v1/loans/${loanId}/ship`, lender)).body as { position: string }).position;
};

/** ID-JKPNRI sends its two items of an exchange with DE-1, who owes two back; each registers three titles; FR-751131015 claims a title. */
const openExchangeAndClaim = async (ledger: RunningLedger, world: World): Promise<string> => {
  const post = (path: string, isil: string, body: object = {}) => must(ledger.http().post(path).set(bearer(world.keys[isil])).send(body), path);
  const items = (titles: string[]) => titles.map((title) => ({ title }));
  const proposal = { agreementId: world.agreementId, counterpart: LENDER, offered: items(['Serat Centhini', 'Babad Tanah Jawi']), requested: items(['Buddenbrooks', 'Der Zauberberg']) };
  const { exchangeId } = (await post('/v1/exchanges', BORROWER, proposal)).body as { exchangeId: string };
  await post(`/v1/exchanges/${exchangeId}/accept`, LENDER);
  await post(`/v1/exchanges/${exchangeId}/dispatch`, BORROWER);
  // Holdings give lending a denominator, so the network's Gini of lending load is a figure.
  for (const [isil, first] of [[BORROWER, 90_010], [LENDER, 90_020], [THIRD, 90_030]] as const) {
    await post('/v1/holdings', isil, { items: [0, 1, 2].map((n) => ({ isbn: isbnNo(first + n), title: `Title ${first + n}` })) });
  }
  const claim = await post('/v1/acquisition-claims', THIRD, { agreementId: world.agreementId, isbn: isbnNo(90_000), title: 'Nusantara', subjects: ['720'] });
  return (claim.body as { position: string }).position;
};

/**
 * Two rounds of loans through the API, a pause between them so an instant
 * separates them: first DE-1 lends twice to ID-JKPNRI and once to
 * FR-751131015; then ID-JKPNRI lends once to DE-1 and FR-751131015 once to ID-JKPNRI.
 */
export const seedDashboardScenario = async (ledger: RunningLedger, world: World): Promise<DashboardScenario> => {
  await shipLoan(ledger, world, BORROWER, LENDER);
  await shipLoan(ledger, world, BORROWER, LENDER);
  await shipLoan(ledger, world, THIRD, LENDER);
  await new Promise((resolve) => setTimeout(resolve, 20));
  const betweenRounds = new Date(Date.now() - 10).toISOString();
  await new Promise((resolve) => setTimeout(resolve, 20));
  await shipLoan(ledger, world, LENDER, BORROWER);
  await shipLoan(ledger, world, BORROWER, THIRD);
  const head = await openExchangeAndClaim(ledger, world);
  await ledger.caughtUp(head);
  return { betweenRounds, head };
};
