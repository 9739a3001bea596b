import fc from 'fast-check';
import { InvalidValue } from '../../../src/domain/shared/errors';
import {
  AMOUNT_SCALE, addAmounts, compareAmounts, formatAmount, isZeroAmount, negateAmount, normalizeAmount, parseAmount,
  sumAmounts,
} from '../../../src/domain/ledger/amount';

describe('ledger amounts', () => {
  describe('parsing', () => {
    it.each([
      ['12.5', 125_000n],
      ['12.50', 125_000n],
      ['-3', -30_000n],
      ['0', 0n],
      ['-0', 0n],
      ['0.0001', 1n],
      ['-0.0001', -1n],
      ['123456789012.3456', 1_234_567_890_123_456n],
    ])('reads the decimal string %s exactly', (text, scaled) => expect(parseAmount(text)).toBe(scaled));

    it.each([
      [2.5, 25_000n],
      [-7, -70_000n],
      [0.0001, 1n],
      [-0, 0n],
    ])('reads the number %d when it has at most 4 decimals', (value, scaled) => expect(parseAmount(value)).toBe(scaled));

    it.each(['12.34567', '0.00001', 'abc', '', ' 1', '1 ', '+1', '.5', '5.', '1e3', '1,5', '--1', '0x10', 'NaN', 'Infinity'])(
      'refuses %j',
      (text) => expect(() => parseAmount(text)).toThrow(InvalidValue),
    );

    it.each([0.1 + 0.2, 1e-7, 0.00001, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60])('refuses the number %d', (value) =>
      expect(() => parseAmount(value)).toThrow(InvalidValue),
    );

    it('refuses what is neither string nor number', () =>
      expect(() => parseAmount(null as unknown as string)).toThrow(InvalidValue));

    it('names the field it refuses', () => {
      expect.assertions(2);
      try {
        parseAmount('1.23456', 'fee.amount');
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidValue);
        expect((error as InvalidValue).field).toBe('fee.amount');
      }
    });
  });

  describe('formatting', () => {
    it.each([
      [125_000n, '12.5'],
      [-30_000n, '-3'],
      [0n, '0'],
      [1n, '0.0001'],
      [-1n, '-0.0001'],
      [10_000n, '1'],
      [12_345_678n, '1234.5678'],
      [1_000_000_000_000_000_000_000n, '100000000000000000'],
    ])('writes %p as %s', (scaled, text) => expect(formatAmount(scaled)).toBe(text));

    it.each([
      ['12.50', '12.5'],
      ['007', '7'],
      ['-0.0', '0'],
      ['3.1000', '3.1'],
    ])('normalizes %s to %s', (text, canonical) => expect(normalizeAmount(text)).toBe(canonical));
  });

  describe('arithmetic', () => {
    it('adds 0.1 and 0.2 to exactly 0.3', () => {
      expect(addAmounts('0.1', '0.2')).toBe('0.3');
      expect(addAmounts(0.1, 0.2)).toBe('0.3');
    });

    it('sums ten tenths to exactly 1', () => expect(sumAmounts(Array(10).fill('0.1'))).toBe('1'));

    it('sums nothing to 0', () => expect(sumAmounts([])).toBe('0'));

    it('adds negatives and crosses zero', () => {
      expect(addAmounts('-3', '1.25')).toBe('-1.75');
      expect(addAmounts('-0.0001', '0.0001')).toBe('0');
      expect(addAmounts('-2.5', '-2.5')).toBe('-5');
    });

    it('keeps 4 decimals', () => expect(addAmounts('0.0001', '9999.9999')).toBe('10000'));

    it('negates', () => {
      expect(negateAmount('12.5')).toBe('-12.5');
      expect(negateAmount('-3')).toBe('3');
      expect(negateAmount('0')).toBe('0');
    });

    it('compares without floating point', () => {
      expect(compareAmounts('0.3', addAmounts('0.1', '0.2'))).toBe(0);
      expect(compareAmounts('-1', '0.0001')).toBe(-1);
      expect(compareAmounts('10', '9.9999')).toBe(1);
      expect(isZeroAmount('-0.0000')).toBe(true);
      expect(isZeroAmount('0.0001')).toBe(false);
    });

    it('refuses a sum with a garbage term', () => expect(() => sumAmounts(['1', 'one'])).toThrow(InvalidValue));
  });

  describe('for every amount', () => {
    const scaled = fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n });

    it('formats to a string that parses back to the same amount, already canonical', () =>
      fc.assert(
        fc.property(scaled, (value) => {
          const text = formatAmount(value);
          expect(parseAmount(text)).toBe(value);
          expect(normalizeAmount(text)).toBe(text);
          expect(text).not.toMatch(/\.\d*0$|^-0$/);
        }),
      ));

    it('adds exactly, as integers of 1/10 000 do', () =>
      fc.assert(
        fc.property(scaled, scaled, (a, b) => {
          expect(parseAmount(addAmounts(formatAmount(a), formatAmount(b)))).toBe(a + b);
          expect(addAmounts(formatAmount(a), negateAmount(formatAmount(a)))).toBe('0');
        }),
      ));

    it('scales by 10^4', () => expect(AMOUNT_SCALE).toBe(10_000n));
  });
});
