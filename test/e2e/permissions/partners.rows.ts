import { bearer, librarianKey } from '../support/ledger-app';
import { BORROWER, THIRD } from '../support/world';
import { READERS, type Row, type RowContext } from './permission-table';

let serial = 0;

/** A partner of its own for each call, so suspending or leaving never touches the world's partners. */
const freshPartner = async ({ ledger, world }: RowContext): Promise<string> => {
  serial += 1;
  const isil = `XP-ROW${serial}`;
  const response = await ledger.http().post('/v1/partners').set(bearer(world.admin)).send({ isil, name: `Row fixture ${serial}` });
  if (response.status !== 201) throw new Error(`partner fixture: ${response.status} ${response.text}`);
  return isil;
};

const suspendedPartner = async (context: RowContext): Promise<string> => {
  const isil = await freshPartner(context);
  const response = await context.ledger.http().post(`/v1/partners/${isil}/suspend`).set(bearer(context.world.admin)).send({ reason: 'fixture' });
  if (response.status !== 200) throw new Error(`suspension fixture: ${response.status} ${response.text}`);
  return isil;
};

/**
 * Leaving is final, so the library whose librarian plays "librarian" must be
 * a new one for every call, yet the permission table reads that librarian's
 * key (world.keys[party]) before it builds the request. Each call therefore
 * leaves the partner prepared by the call before it and prepares the next:
 * a fresh partner with its own librarian key, filed under this alias.
 */
const LEAVER = 'next-leaving-partner';
let prepared: string | undefined;

const prepareLeaver = async (context: RowContext): Promise<string> => {
  const isil = await freshPartner(context);
  (context.world.keys as Record<string, string>)[LEAVER] = await librarianKey(context.ledger, isil);
  return isil;
};

export const partnerRows: Row[] = [
  {
    route: 'POST /v1/partners',
    allowed: ['coordinator'],
    request: async () => ({ path: '/v1/partners', body: { isil: `XP-NEW${++serial}`, name: 'Registered by the table' } }),
  },
  {
    route: 'POST /v1/partners/:isil/profile',
    allowed: ['coordinator', 'librarian'],
    party: THIRD,
    request: async () => ({ path: `/v1/partners/${THIRD}/profile`, body: { city: 'Paris' } }),
  },
  {
    route: 'POST /v1/partners/:isil/suspend',
    allowed: ['coordinator'],
    request: async (context) => ({ path: `/v1/partners/${await freshPartner(context)}/suspend`, body: { reason: 'unpaid dues' } }),
  },
  {
    route: 'POST /v1/partners/:isil/reinstate',
    allowed: ['coordinator'],
    request: async (context) => ({ path: `/v1/partners/${await suspendedPartner(context)}/reinstate`, body: { reason: 'dues paid' } }),
  },
  {
    route: 'POST /v1/partners/:isil/leave',
    allowed: ['coordinator', 'librarian'],
    party: LEAVER,
    request: async (context) => {
      const isil = prepared ?? (await prepareLeaver(context));
      prepared = await prepareLeaver(context);
      return { path: `/v1/partners/${isil}/leave`, body: { reason: 'closing down' } };
    },
  },
  { route: 'GET /v1/partners', allowed: READERS, request: async () => ({ path: '/v1/partners' }) },
  { route: 'GET /v1/partners/:isil', allowed: READERS, request: async () => ({ path: `/v1/partners/${BORROWER}` }) },
];
