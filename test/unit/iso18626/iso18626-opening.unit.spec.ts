import { readOpening } from '../../../src/infrastructure/iso18626/iso18626.xml';

const NS = 'xmlns="http://illtransactions.org/2013/iso18626" xmlns:ill="http://illtransactions.org/2013/iso18626"';

describe('which message a text that cannot be read whole opens with', () => {
  it.each([
    [`<?xml version="1.0" encoding="UTF-8"?>\n<ISO18626Message ${NS} ill:version="1.2">\n  <request><header>`, { kind: 'request', version: '1.2' }],
    [`<ISO18626Message ${NS} version='2021-2'><supplyingAgencyMessage`, { kind: 'supplyingAgencyMessage', version: '2021-2' }],
    [`  <!-- from the ILL system -->\n<ill:ISO18626Message xmlns:ill="x" ill:version="1.2"><!-- - a note --> <ill:requestingAgencyMessage>`, { kind: 'requestingAgencyMessage', version: '1.2' }],
    [`<ISO18626Message ill:version="1.1"><request>`, { kind: 'request' }],
    [`<ISO18626Message><requestConfirmation>`, { kind: 'requestConfirmation' }],
  ])('its root\'s first child, and a version the ledger speaks: %j', (xml, opening) => expect(readOpening(xml)).toEqual(opening));

  it.each([
    [''],
    ['a'.repeat(40)],
    ['{"not": "xml"}'],
    ['<request><header>'],
    ['<?xml version="1.0"?><!DOCTYPE x><ISO18626Message ill:version="1.2"><request>'],
    ['<ISO18626Message ill:version="1.2">'],
    ['<ISO18626MessageX ill:version="1.2"><request>'],
  ])('nothing from a text that does not open an ISO18626Message with a child: %j', (xml) => expect(readOpening(xml)).toEqual({}));

  it('takes linear time on comments that never lead to a message (no backtracking through their splits)', () => {
    const started = Date.now();
    expect(readOpening(`${'<!-- a --> '.repeat(50_000)}<x/>`)).toEqual({});
    expect(readOpening(`<!--${'- '.repeat(100_000)}`)).toEqual({});
    expect(readOpening(`<ISO18626Message ${'a'.repeat(200_000)}`)).toEqual({});
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
