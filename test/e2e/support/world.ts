import { ADMIN_KEY, bearer, librarianKey, type RunningLedger } from './ledger-app';

export const BORROWER = 'ID-JKPNRI';
export const LENDER = 'DE-1';
export const THIRD = 'FR-751131015';
/** A registered partner that is not a member of the agreement. */
export const OUTSIDER = 'NL-0100030000';

export type World = Readonly<{
  agreementId: string;
  keys: Readonly<Record<string, string>>;
  admin: string;
}>;

const must = <R extends { status: number; text: string }>(response: R, what: string): R => {
  if (response.status >= 300) throw new Error(`${what}: ${response.status} ${response.text}`);
  return response;
};

export const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

/**
 * A small network through the API, as a coordinator would set it up: four
 * partners, a librarian key for each, and one agreement covering every form
 * of cooperation between three of them (the outsider is not a member).
 */
export const establishWorld = async (ledger: RunningLedger, terms: object = {}): Promise<World> => {
  const admin = ADMIN_KEY;
  const keys: Record<string, string> = {};
  for (const [isil, name] of [
    [BORROWER, 'Perpustakaan Nasional Republik Indonesia'],
    [LENDER, 'Staatsbibliothek zu Berlin'],
    [THIRD, 'Bibliothèque nationale de France'],
    [OUTSIDER, 'Koninklijke Bibliotheek'],
  ]) {
    must(await ledger.http().post('/v1/partners').set(bearer(admin)).send({ isil, name }), `register ${isil}`);
    keys[isil] = await librarianKey(ledger, isil);
  }
  const agreement = must(
    await ledger
      .http()
      .post('/v1/agreements')
      .set(bearer(admin))
      .send({
        title: 'Asia–Europe resource sharing',
        focalPoint: LENDER,
        members: [BORROWER, LENDER, THIRD],
        forms: ['loans', 'exchanges', 'rotations', 'acquisitions', 'services'],
        startsOn: yesterday(),
        terms: { loanPeriodDays: 28, maxRenewals: 2, goalRatio: 1, claimHoldDays: 90, ...terms },
        subjects: { [BORROWER]: ['900-999'], [LENDER]: ['000-499'], [THIRD]: ['500-899'] },
      }),
    'establish agreement',
  );
  return { agreementId: agreement.body.agreementId as string, keys, admin };
};
