import type { Actor, CommandMetadata } from '../../../src/domain/shared/decider';
import { toIsil } from '../../../src/domain/shared/isil';
import type * as C from '../../../src/domain/holdings/holdings.commands';
import type * as E from '../../../src/domain/holdings/holdings.events';

export const LIBRARY = toIsil('ID-JKPNRI');
export const OTHER = toIsil('ID-BDGKOTA');

export const COORDINATOR: Actor = { role: 'coordinator' };
export const librarianOf = (library: string): Actor => ({ role: 'librarian', library });

export const AT = {
  registered: new Date('2025-03-03T09:00:00.000Z'),
  withdrawn: new Date('2025-04-01T10:00:00.000Z'),
};

export const maxHavelaar: E.HoldingItem = {
  isbn13: '9789028205135', title: 'Max Havelaar', author: 'Multatuli', year: 1860, subjects: ['839.313'], acquiredOn: '2025-02-14',
};
export const bumiManusia: E.HoldingItem = { isbn13: '9789799731234', title: 'Bumi Manusia', author: 'Pramoedya Ananta Toer', year: 1980 };
export const laskarPelangi: E.HoldingItem = { isbn13: '9786020332956', title: 'Laskar Pelangi' };

/** `n` distinct titles, for the size limits. */
export const manyItems = (n: number, from = 0): E.HoldingItem[] =>
  Array.from({ length: n }, (_, i) => ({ isbn13: `979${String(from + i).padStart(10, '0')}`, title: `Title ${from + i}` }));

// ---- events ----

export const registered: E.HoldingsRegistered = {
  type: 'HoldingsRegistered',
  data: { isil: LIBRARY, items: [maxHavelaar, bumiManusia], registeredAt: AT.registered.toISOString() },
};
export const withdrawn: E.HoldingsWithdrawn = {
  type: 'HoldingsWithdrawn',
  data: { isil: LIBRARY, isbns: [maxHavelaar.isbn13], withdrawnAt: AT.withdrawn.toISOString() },
};

// ---- commands ----

/** `actor` replaces the default actor, the library's own librarian. */
export type As = { actor?: Actor; now?: Date };

const metadata = (as: As, now: Date): CommandMetadata => ({ now: as.now ?? now, actor: as.actor ?? librarianOf(LIBRARY) });

export const registerHoldings = (
  as: As = {}, data: Partial<C.RegisterHoldings['data']> = {},
): C.RegisterHoldings => ({
  type: 'RegisterHoldings', data: { isil: LIBRARY, items: [maxHavelaar, bumiManusia], ...data }, metadata: metadata(as, AT.registered),
});
export const withdrawHoldings = (
  as: As = {}, data: Partial<C.WithdrawHoldings['data']> = {},
): C.WithdrawHoldings => ({
  type: 'WithdrawHoldings', data: { isil: LIBRARY, isbns: [maxHavelaar.isbn13], ...data }, metadata: metadata(as, AT.withdrawn),
});
