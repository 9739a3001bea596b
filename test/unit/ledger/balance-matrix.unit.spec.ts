import { balanceMatrix } from '../../../src/domain/ledger';

describe('the partner × partner balance matrix', () => {
  const flows = [
    { provider: 'A', receiver: 'B', amount: '3' },
    { provider: 'B', receiver: 'A', amount: '1' },
    { provider: 'A', receiver: 'C', amount: '1.5' },
    { provider: 'D', receiver: 'A', amount: '0.5' },
  ];

  it('nets each pair both ways, largest counterparty first, rows by partner', () =>
    expect(balanceMatrix(flows, 10)).toEqual([
      { partner: 'A', balance: '3', counterparties: [{ counterparty: 'B', balance: '2' }, { counterparty: 'C', balance: '1.5' }, { counterparty: 'D', balance: '-0.5' }], rest: { counterparties: 0, balance: '0' } },
      { partner: 'B', balance: '-2', counterparties: [{ counterparty: 'A', balance: '-2' }], rest: { counterparties: 0, balance: '0' } },
      { partner: 'C', balance: '-1.5', counterparties: [{ counterparty: 'A', balance: '-1.5' }], rest: { counterparties: 0, balance: '0' } },
      { partner: 'D', balance: '0.5', counterparties: [{ counterparty: 'A', balance: '0.5' }], rest: { counterparties: 0, balance: '0' } },
    ]));

  it('groups the counterparties past the top, so the row still sums to the balance', () =>
    expect(balanceMatrix(flows, 1)[0]).toEqual({ partner: 'A', balance: '3', counterparties: [{ counterparty: 'B', balance: '2' }], rest: { counterparties: 2, balance: '1' } }));

  it('leaves out pairs that net to zero but keeps the partner at zero', () =>
    expect(balanceMatrix([{ provider: 'A', receiver: 'B', amount: '2' }, { provider: 'B', receiver: 'A', amount: '2' }], 5)).toEqual([
      { partner: 'A', balance: '0', counterparties: [], rest: { counterparties: 0, balance: '0' } },
      { partner: 'B', balance: '0', counterparties: [], rest: { counterparties: 0, balance: '0' } },
    ]));

  it('breaks ties in magnitude by ISIL', () =>
    expect(balanceMatrix([{ provider: 'A', receiver: 'C', amount: '1' }, { provider: 'B', receiver: 'A', amount: '1' }], 5)[0].counterparties.map((c) => c.counterparty)).toEqual(['B', 'C']));

  it('refuses a top that is not a whole number from 1', () => expect(() => balanceMatrix(flows, 0)).toThrow('top'));
});
