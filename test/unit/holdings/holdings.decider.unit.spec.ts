import { decidedBy, deciderSpec } from '../../support/decider-spec';
import { NotThatLibrary } from '../../../src/domain/shared/acting';
import { fold } from '../../../src/domain/shared/decider';
import { InvalidValue } from '../../../src/domain/shared/errors';
import {
  HoldingsOfAnotherLibrary, MAX_ITEMS_PER_COMMAND, holdingsDecider,
  type HoldingItem, type HoldingsCommand, type HoldingsEvent, type RegisterHoldings,
} from '../../../src/domain/holdings';
import {
  AT, COORDINATOR, LIBRARY, OTHER, bumiManusia, laskarPelangi, librarianOf, manyItems, maxHavelaar, registerHoldings,
  registered, withdrawHoldings, withdrawn,
} from './holdings.fixtures';

const given = deciderSpec(holdingsDecider);

const REGISTERED: HoldingsEvent[] = [registered];
const OTHERS: HoldingsEvent[] = [{ type: 'HoldingsRegistered', data: { ...registered.data, isil: OTHER } }];

/** The error a command is refused with, to check what `thenThrows` cannot: its field, code and kind. */
const refusal = (events: readonly HoldingsEvent[], command: HoldingsCommand): unknown => {
  try {
    holdingsDecider.decide(command, fold(holdingsDecider, events));
  } catch (error) {
    return error;
  }
  throw new Error(`${command.type} was not refused`);
};

const registeredItems = (items: readonly HoldingItem[], isil = LIBRARY): HoldingsEvent[] => [{
  type: 'HoldingsRegistered', data: { isil, items, registeredAt: AT.registered.toISOString() },
}];

describe('RegisterHoldings', () => {
  it('records the titles a library holds, by its own librarian', () =>
    given([]).when(registerHoldings()).then([registered]));

  it('lets a coordinator record them for any library', () =>
    given([]).when(registerHoldings({ actor: COORDINATOR }, { isil: OTHER })).then(registeredItems([maxHavelaar, bumiManusia], OTHER)));

  // Whether a title is held is the catalogue's question: it lists a holder once, so no rule needs the titles held.
  it('records every title named, held already or not', () =>
    given(REGISTERED).when(registerHoldings({}, { items: [bumiManusia, laskarPelangi] })).then(registeredItems([bumiManusia, laskarPelangi])));

  it('takes a title named twice once, as first given', () =>
    given([]).when(registerHoldings({}, { items: [laskarPelangi, { ...laskarPelangi, title: 'Rainbow Troops' }] }))
      .then(registeredItems([laskarPelangi])));

  it('records a title again after it was withdrawn', () =>
    given([...REGISTERED, withdrawn]).when(registerHoldings({}, { items: [maxHavelaar] })).then(registeredItems([maxHavelaar])));

  it('normalises the ISIL, trims text and keeps only the known fields', () =>
    given([]).when(registerHoldings({}, {
      isil: 'id-jkpnri',
      items: [{ ...maxHavelaar, title: ' Max Havelaar ', shelf: 'B12' } as HoldingItem, bumiManusia],
    })).then([registered]));

  it(`accepts ${MAX_ITEMS_PER_COMMAND} titles in one command`, () =>
    expect(decidedBy(holdingsDecider)([], registerHoldings({}, { items: manyItems(MAX_ITEMS_PER_COMMAND) }))[0])
      .toMatchObject({ type: 'HoldingsRegistered', data: { items: { length: MAX_ITEMS_PER_COMMAND } } }));

  it('accepts a title published next year', () =>
    given([]).when(registerHoldings({}, { items: [{ ...laskarPelangi, year: 2026 }] })).thenMatch([{ data: { items: [{ year: 2026 }] } }]));

  it.each([['another library’s librarian', librarianOf(OTHER)], ['an auditor', { role: 'auditor' as const }]])(
    'refuses %s', (_, actor) => given([]).when(registerHoldings({ actor })).thenThrows(NotThatLibrary));

  it('refuses a command meant for another library’s stream', () =>
    given(OTHERS).when(registerHoldings({ actor: COORDINATOR })).thenThrows(HoldingsOfAnotherLibrary));

  it.each<[string, Partial<RegisterHoldings['data']>]>([
    ['isil', { isil: 'Jakarta' }],
    ['items', { items: [] }],
    ['items', { items: manyItems(MAX_ITEMS_PER_COMMAND + 1) }],
    ['items', { items: 'all of them' as never }],
    ['items[1]', { items: [maxHavelaar, null as never] }],
    ['items[0].isbn13', { items: [{ ...maxHavelaar, isbn13: '9028205135' }] }],
    ['items[0].isbn13', { items: [{ ...maxHavelaar, isbn13: '978-90-282-0513-5' }] }],
    ['items[0].isbn13', { items: [{ ...maxHavelaar, isbn13: '9779028205135' }] }],
    ['items[0].title', { items: [{ ...maxHavelaar, title: '' }] }],
    ['items[0].author', { items: [{ ...maxHavelaar, author: ' ' }] }],
    ['items[0].year', { items: [{ ...maxHavelaar, year: 0 }] }],
    ['items[0].year', { items: [{ ...maxHavelaar, year: 1860.5 }] }],
    ['items[0].year', { items: [{ ...maxHavelaar, year: 2027 }] }],
    ['items[0].subjects', { items: [{ ...maxHavelaar, subjects: 'fiction' as never }] }],
    ['items[0].subjects[1]', { items: [{ ...maxHavelaar, subjects: ['839.313', ''] }] }],
    ['items[0].acquiredOn', { items: [{ ...maxHavelaar, acquiredOn: '2025-02-30' }] }],
    ['items[0].acquiredOn', { items: [{ ...maxHavelaar, acquiredOn: '2025-03-04' }] }],
  ])('refuses an invalid %s', (field, data) => {
    given([]).when(registerHoldings({}, data)).thenThrows(InvalidValue);
    expect(refusal([], registerHoldings({}, data))).toMatchObject({ code: 'invalid-value', kind: 'invalid', field });
  });
});

describe('WithdrawHoldings', () => {
  it('records the titles withdrawn', () => given(REGISTERED).when(withdrawHoldings()).then([withdrawn]));

  it('lists each title named once, held or not', () =>
    given(REGISTERED).when(withdrawHoldings({}, {
      isbns: [maxHavelaar.isbn13, laskarPelangi.isbn13, maxHavelaar.isbn13, bumiManusia.isbn13],
    })).then([{
      type: 'HoldingsWithdrawn',
      data: { isil: LIBRARY, isbns: [maxHavelaar.isbn13, laskarPelangi.isbn13, bumiManusia.isbn13], withdrawnAt: AT.withdrawn.toISOString() },
    }]));
  it('lets a coordinator withdraw them', () => given(REGISTERED).when(withdrawHoldings({ actor: COORDINATOR })).then([withdrawn]));

  it('refuses another library’s librarian', () =>
    given(REGISTERED).when(withdrawHoldings({ actor: librarianOf(OTHER) })).thenThrows(NotThatLibrary));
  it('refuses a command meant for another library’s stream', () =>
    given(OTHERS).when(withdrawHoldings({ actor: COORDINATOR })).thenThrows(HoldingsOfAnotherLibrary));

  it.each<[string, string[]]>([
    ['isbns', []],
    ['isbns', manyItems(MAX_ITEMS_PER_COMMAND + 1).map((item) => item.isbn13)],
    ['isbns[1]', [maxHavelaar.isbn13, '90-282-0513-5']],
  ])('refuses an invalid %s', (field, isbns) => {
    given(REGISTERED).when(withdrawHoldings({}, { isbns })).thenThrows(InvalidValue);
    expect(refusal(REGISTERED, withdrawHoldings({}, { isbns }))).toMatchObject({ code: 'invalid-value', field });
  });
});

describe('evolve', () => {
  it('keeps whose holdings they are, not the titles', () => {
    expect(fold(holdingsDecider, [...REGISTERED, withdrawn, ...registeredItems([laskarPelangi])])).toEqual({ status: 'listed', isil: LIBRARY });
    expect(fold(holdingsDecider, [withdrawn])).toEqual({ status: 'none' });
  });

  it('never needs the stream to decide: a command decides the same on no history as on a long one', () => {
    const history = [0, 1, 2].flatMap((n) => registeredItems(manyItems(MAX_ITEMS_PER_COMMAND, n * MAX_ITEMS_PER_COMMAND)));
    const command = registerHoldings({}, { items: manyItems(10, MAX_ITEMS_PER_COMMAND / 2) });
    expect(holdingsDecider.readsHistory).toBe(false);
    expect(decidedBy(holdingsDecider)(history, command)).toEqual(decidedBy(holdingsDecider)([], command));
  });
});

describe('errors', () => {
  it.each<[HoldingsEvent[], HoldingsCommand, object]>([
    [[], registerHoldings({ actor: librarianOf(OTHER) }), { code: 'not-that-library', kind: 'forbidden' }],
    [OTHERS, registerHoldings({ actor: COORDINATOR }), { code: 'holdings-of-another-library', kind: 'invalid', field: 'isil' }],
  ])('carry a stable code and kind (%#)', (history, command, expected) =>
    expect(refusal(history, command)).toMatchObject(expected));
});
