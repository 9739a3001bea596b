import { isSubject, subjectCovers } from '../../../src/domain/agreements';

describe('subjectCovers', () => {
  it.each<[string, string, boolean]>([
    ['5', '500', true],
    ['5', '599.9', true],
    ['5', '600', false],
    ['500', '512.74', true],
    ['500', '499', false],
    ['000', '005.133', true],
    ['000', '100', false],
    ['78', '782.42', true],
    ['78', '790', false],
    ['510', '516.3', true],
    ['510', '520', false],
    ['50', '505', true],
    ['50', '512', false],
    ['512', '512', true],
    ['512', '512.74', true],
    ['512', '513', false],
    ['001', '001.4', true],
    ['001', '002', false],
    ['512.7', '512.74', true],
    ['512.7', '512.6', false],
    ['780-789', '780', true],
    ['780-789', '789.9', true],
    ['780-789', '779.99', false],
    ['780-789', '790', false],
    ['5', '5', false],
    ['5', 'five hundred', false],
    ['5', ' 512 ', true],
  ])('%s covers %s: %s', (subject, ddc, expected) => expect(subjectCovers([subject], ddc)).toBe(expected));

  it('is covered when any subject covers it', () => expect(subjectCovers(['000', '780-789'], '781.6')).toBe(true));
  it('is never covered by no subjects', () => expect(subjectCovers([], '500')).toBe(false));
});

describe('isSubject', () => {
  it.each(['0', '5', '78', '000', '510', '512', '512.74', '780-789', '780-780'])('accepts %s', (subject) =>
    expect(isSubject(subject)).toBe(true));
  it.each(['', '5000', '5xx', '512.', '.5', '789-780', '78-79', 'music', 5])('refuses %s', (subject) =>
    expect(isSubject(subject)).toBe(false));
});
