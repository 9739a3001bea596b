import { InvalidValue } from '../../../src/domain/shared/errors';
import { isIsbn, toIsbn13 } from '../../../src/domain/shared/isbn';

const refusal = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('not refused');
};

describe('toIsbn13', () => {
  it.each([
    ['an ISBN-13', '9780306406157', '9780306406157'],
    ['a hyphenated ISBN-13', '978-0-306-40615-7', '9780306406157'],
    ['a spaced ISBN-13', '978 0 306 40615 7', '9780306406157'],
    ['an ISBN-13 with a 979 prefix', '979-10-90636-07-1', '9791090636071'],
    ['an ISBN-10', '0306406152', '9780306406157'],
    ['a hyphenated ISBN-10', '0-306-40615-2', '9780306406157'],
    ['an ISBN-10 with check digit X', '0-8044-2957-X', '9780804429573'],
    ['an ISBN-10 with a lower-case x', '080442957x', '9780804429573'],
    ['an ISBN-10 whose check digit is 0', '0-19-853453-1', '9780198534532'],
    ['surrounding spaces', ' 9780306406157 ', '9780306406157'],
  ])('normalises %s', (_, value, expected) => expect(toIsbn13(value)).toBe(expected));

  it('gives ISBN-10 and ISBN-13 of one book the same key', () =>
    expect(toIsbn13('0-306-40615-2')).toBe(toIsbn13('978-0-306-40615-7')));

  it.each([
    ['an ISBN-13 with a wrong check digit', '9780306406158'],
    ['an ISBN-10 with a wrong check digit', '0-306-40615-3'],
    ['an ISBN-10 with X where a digit belongs', '030640615X'],
  ])('refuses %s', (_, value) => {
    expect(() => toIsbn13(value)).toThrow(InvalidValue);
    expect(refusal(() => toIsbn13(value))).toMatchObject({ code: 'invalid-value', kind: 'invalid', field: 'isbn' });
    expect((refusal(() => toIsbn13(value)) as Error).message).toMatch(/check digit/);
  });

  it.each([
    ['nothing', ''],
    ['words', 'Max Havelaar'],
    ['too few digits', '978030640615'],
    ['too many digits', '97803064061570'],
    ['a 13-digit number that is not a book (EAN)', '4006381333931'],
    ['an ISMN (979-0, printed music)', '979-0-2600-0043-8'],
    ['X inside an ISBN-13', '978030640615X'],
    ['a prefix', 'ISBN 0306406152'],
  ])('refuses %s', (_, value) => expect(() => toIsbn13(value)).toThrow(InvalidValue));

  it('names the field it was given', () =>
    expect(refusal(() => toIsbn13('123', 'offered[0].isbn'))).toMatchObject({ field: 'offered[0].isbn' }));

  it('refuses a value that is not a string', () =>
    expect(() => toIsbn13(9780306406157 as unknown as string)).toThrow(InvalidValue));
});

describe('isIsbn', () => {
  it.each(['9780306406157', '0-306-40615-2', '080442957X'])('accepts %s', (value) => expect(isIsbn(value)).toBe(true));
  it.each(['9780306406158', '', 'abc', undefined, 42])('refuses %p', (value) => expect(isIsbn(value)).toBe(false));
});
