import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { isInForce } from '../../../src/domain/shared/cooperation';
import { dayOf, isCalendarDate, isPastDue, readDayOrInstant, readInstant } from '../../../src/domain/shared/dates';
import { nowOption } from '../../../src/infrastructure/cli/cli';
import { IsDayOrInstant } from '../../../src/infrastructure/http/validation/time';
import { agreement } from './agreement.fixtures';

class AsOf {
  @IsDayOrInstant('asOf') asOf!: string;
}
const apiAccepts = (value: string) => validateSync(plainToInstance(AsOf, { asOf: value })).length === 0;

describe('instants, read one strict way', () => {
  it.each([
    ['2025-03-01T12:00:00Z', '2025-03-01T12:00:00.000Z'],
    ['2025-03-01T12:00Z', '2025-03-01T12:00:00.000Z'],
    ['2025-03-01T12:00:00.123456789+07:00', '2025-03-01T05:00:00.123Z'],
    ['2024-02-29T23:59:59-01:30', '2024-03-01T01:29:59.000Z'],
  ])('reads %s as %s', (value, instant) => expect(readInstant(value)).toBe(instant));

  it.each([
    '2025-03-01T12:00:00', // no zone: a local time
    '2025-03-01', // a day is not an instant
    '2025-02-30T00:00:00Z', // rolled over by new Date
    '2025-03-01T24:00:00Z',
    '2025-03-01T12:00:00+24:00',
    'March 1, 2025 12:00 UTC', // new Date reads it
    '1740830400000',
    '9999-12-31T23:00:00-02:00', // past year 9999
    '',
  ])('refuses %s', (value) => expect(readInstant(value)).toBeNull());

  it('reads a day as its first instant, UTC', () => expect(readDayOrInstant('2025-03-01')).toBe('2025-03-01T00:00:00.000Z'));

  it.each([
    ['2025-02-28', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-13-01', false],
    ['2025-3-1', false],
    ['2025-03-01T00:00:00Z', false],
  ])('takes %s as a calendar date: %s', (value, valid) => expect(isCalendarDate(value)).toBe(valid));
});

describe('the CLI reads --now as the API reads an instant', () => {
  const values = ['2025-06-02', '2025-06-02T00:00:00Z', '2025-06-02T09:30:00+07:00', 'June 2, 2025', '2025-06-02T00:00:00', '2025-02-30', '1748822400000', 'now'];

  it.each(values)('agrees with the API on %s', (value) => {
    const cli = nowOption(['--now', value]);
    expect(cli === 'invalid' ? null : (cli as Date).toISOString()).toBe(apiAccepts(value) ? readDayOrInstant(value) : null);
  });

  it('refuses what new Date would read', () => {
    expect(nowOption(['--now', 'June 2, 2025'])).toBe('invalid');
    expect(nowOption(['--now', '2025-06-02T00:00:00'])).toBe('invalid');
    expect(nowOption(['--now'])).toBe('invalid');
  });

  it('reads a day as its first instant and is absent when not given', () => {
    expect(nowOption(['--now', '2025-06-02'])).toEqual(new Date('2025-06-02T00:00:00.000Z'));
    expect(nowOption([])).toBeUndefined();
  });
});

describe('days', () => {
  it('gives the UTC day of an instant', () => expect(dayOf(new Date('2025-03-01T23:59:59.999-05:00'))).toBe('2025-03-02'));

  it('is past due only once the whole due day has passed', () => {
    expect(isPastDue('2025-03-01', new Date('2025-03-01T23:59:59.999Z'))).toBe(false);
    expect(isPastDue('2025-03-01', new Date('2025-03-02T00:00:00.000Z'))).toBe(true);
  });

  it('holds an agreement in force from its first to its last day, inclusive, until terminated', () => {
    const through2025 = agreement();
    expect(['2024-12-31', '2025-01-01', '2025-12-31', '2026-01-01'].map((day) => isInForce(through2025, day))).toEqual([false, true, true, false]);
    expect(isInForce(agreement({ endsOn: undefined }), '2999-01-01')).toBe(true);
    expect(isInForce(agreement({ terminated: true }), '2025-06-01')).toBe(false);
  });
});
