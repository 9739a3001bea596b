import { LEDGER_SEALED } from '../../../src/application/audit/seal';
import { ALL_PROJECTIONS } from '../../../src/infrastructure/ledger.module';

describe('seals', () => {
  it('feed no read model: every projection leaves LedgerSealed out', () => {
    expect(ALL_PROJECTIONS.length).toBeGreaterThan(0);
    expect(ALL_PROJECTIONS.filter((projection) => projection.handles.has(LEDGER_SEALED)).map((projection) => projection.name)).toEqual([]);
  });
});
