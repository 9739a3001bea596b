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

  describe('its header, for the confirmation to name the request it answers', () => {
    const header = '<requestingAgencyId><agencyIdType>ISIL</agencyIdType><agencyIdValue>ID-JKPNRI</agencyIdValue></requestingAgencyId><requestingAgencyRequestId>R-1</requestingAgencyRequestId>';
    const read = { requestingAgencyId: { agencyIdType: 'ISIL', agencyIdValue: 'ID-JKPNRI' }, requestingAgencyRequestId: 'R-1' };

    it.each([
      ['cut off after it', `<ISO18626Message ${NS} ill:version="1.2">\n  <request>\n    <header>${header}</header>\n    <bibliographicInfo><title>Cut off`],
      ['broken after it', `<ISO18626Message ${NS} ill:version="1.2"><request><!-- ids first --> <header>${header}</header><bibliographicInfo></request>`],
      ['with prefixes', `<ill:ISO18626Message ${NS} ill:version="1.2"><ill:request a="b"><ill:header>${header.replace(/<(\/?)/g, '<$1ill:')}</ill:header>`],
    ])('read on its own from a message %s', (_, xml) => expect(readOpening(xml)).toEqual({ kind: 'request', version: '1.2', header: read }));

    it.each([
      ['cut off inside it', `<ISO18626Message ill:version="1.2"><request><header>${header.slice(0, 60)}`],
      ['not the message\'s first element', `<ISO18626Message ill:version="1.2"><request><note>n</note><header>${header}</header>`],
      ['not well-formed itself', `<ISO18626Message ill:version="1.2"><request><header><requestingAgencyRequestId>R-1</header>`],
    ])('none from a header %s', (_, xml) => expect(readOpening(xml)).toEqual({ kind: 'request', version: '1.2' }));
  });

  it('takes linear time on comments that never lead to a message (no backtracking through their splits)', () => {
    const started = Date.now();
    expect(readOpening(`${'<!-- a --> '.repeat(50_000)}<x/>`)).toEqual({});
    expect(readOpening(`<!--${'- '.repeat(100_000)}`)).toEqual({});
    expect(readOpening(`<ISO18626Message ${'a'.repeat(200_000)}`)).toEqual({});
    expect(readOpening(`<ISO18626Message ill:version="1.2"><request ${'a'.repeat(200_000)}`)).toEqual({ kind: 'request', version: '1.2' });
    expect(readOpening(`<ISO18626Message ill:version="1.2"><request><header>${'</ header '.repeat(50_000)}`)).toEqual({ kind: 'request', version: '1.2' });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
