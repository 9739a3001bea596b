import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { InvalidValue } from '../../../src/domain/shared/errors';
import { toIsil } from '../../../src/domain/shared/isil';
import { IsIsil } from '../../../src/infrastructure/http/validation/fields';
import { IsilParam } from '../../../src/infrastructure/http/validation/validation';

class Body {
  @IsIsil('lender') lender!: string;
  @IsIsil('each of members', { each: true }) members!: string[];
}

describe('an ISIL is upper-cased once, where it enters', () => {
  it('in a DTO field and in each entry of a list, before the rules run', () => {
    const body = plainToInstance(Body, { lender: 'id-jkpnri', members: ['de-1', 'Nl-AmRij'] });
    expect(validateSync(body)).toEqual([]);
    expect({ ...body }).toEqual({ lender: 'ID-JKPNRI', members: ['DE-1', 'NL-AMRIJ'] });
  });

  it('still refuses what is not an ISIL, naming the field', () => {
    const [error] = validateSync(plainToInstance(Body, { lender: 'not an isil', members: ['DE-1'] }));
    expect(error.property).toBe('lender');
    expect(Object.values(error.constraints ?? {})).toContain('lender must be an ISIL (ISO 15511), e.g. ID-JKPNRI');
  });

  it('in a path parameter', () => expect(IsilParam('isil').transform('de-1', { type: 'param' })).toBe('DE-1'));

  it('in the domain value type', () => {
    expect(toIsil('id-bdgkota')).toBe('ID-BDGKOTA');
    expect(() => toIsil('ID_BDG', 'lender')).toThrow(InvalidValue);
  });
});
