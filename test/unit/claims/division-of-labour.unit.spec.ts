import { InvalidValue } from '../../../src/domain/shared/errors';
import { isOutsideDivisionOfLabour, validateTitleSubjects } from '../../../src/domain/claims';

/** What Jakarta collects in the agreement fixture: a main class, a division and a range. */
const collects = ['5', '780', '900-999'];

describe('isOutsideDivisionOfLabour', () => {
  it.each<[string, string[] | undefined, boolean]>([
    ['unknown subjects', undefined, false],
    ['no subjects', [], false],
    ['a main class by its first digit (5 covers 500–599)', ['500'], false],
    ['the end of a main class', ['599.9'], false],
    ['780 with its decimals', ['780.92'], false],
    ['a range, bounds included', ['900'], false],
    ['the top of a range with its decimals', ['999.9'], false],
    ['one subject inside among others outside', ['020', '959.8'], false],
    ['a class next to a main class', ['600'], true],
    ['a class below a range', ['899'], true],
    ['every subject outside', ['020', '300'], true],
  ])('for %s: %s', (_, titleSubjects, expected) => expect(isOutsideDivisionOfLabour(collects, titleSubjects)).toBe(expected));

  it('puts every title with subjects outside the share of a member that collects nothing', () =>
    expect(isOutsideDivisionOfLabour([], ['530'])).toBe(true));
});

describe('validateTitleSubjects', () => {
  it('trims the title’s Dewey numbers and keeps each once', () =>
    expect(validateTitleSubjects([' 530.4', '780.92', '530.4'])).toEqual(['530.4', '780.92']));

  it.each([['5'], ['78'], ['QA76'], ['530.'], [''], [42]])('refuses %p, naming its place', (subject) =>
    expect(() => validateTitleSubjects(['530', subject])).toThrow(InvalidValue));

  it('names the field', () => {
    try {
      validateTitleSubjects(['530', 'QA76']);
    } catch (error) {
      return expect(error).toMatchObject({ field: 'subjects[1]' });
    }
    throw new Error('not refused');
  });
});
