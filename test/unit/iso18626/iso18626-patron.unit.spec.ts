import { schemaErrors } from '../../../src/infrastructure/iso18626/iso18626.schemas';
import { readMessage, withoutPatron } from '../../../src/infrastructure/iso18626/iso18626.xml';
import { PATRON_INFO, requestXml, supplierXml, type Ids } from '../../e2e/support/iso18626';

const ids: Ids = { requester: 'ID-JKPNRI', supplier: 'DE-1', requestId: 'PNRI-2026-0042' };

describe('a message kept without its patron', () => {
  it.each(['1.2', '2021-2'] as const)('a %s request: the patronInfo and the white space before it go, the rest stays byte for byte, still valid', async (version) => {
    const sent = requestXml({ ...ids, version }, 'Babad Tanah Jawi', '9780306406157', PATRON_INFO);
    expect(await schemaErrors(sent, version)).toEqual([]);
    const kept = withoutPatron(sent);
    expect(kept).toBe(requestXml({ ...ids, version }, 'Babad Tanah Jawi', '9780306406157'));
    expect(kept).not.toMatch(/patron(?!Request)|Wulandari|P-000417|example\.org/);
    expect(await schemaErrors(kept, version)).toEqual([]);
  });

  it('with a prefix, and a comment inside it that names its end tag', () => {
    const patron = '<ill:patronInfo><!-- </ill:patronInfo> --><ill:surname>Wulandari</ill:surname></ill:patronInfo>';
    const sent = requestXml(ids, 'T', '9780306406157', patron).replace('<request>', '<ill:request>').replace('</request>', '</ill:request>');
    expect(withoutPatron(sent)).toBe(requestXml(ids, 'T', '9780306406157').replace('<request>', '<ill:request>').replace('</request>', '</ill:request>'));
  });

  it('empty, with a namespace declaration', () => {
    expect(withoutPatron(requestXml(ids, 'T', '9780306406157', '<patronInfo xmlns:p="http://illtransactions.org/2013/iso18626"/>'))).toBe(requestXml(ids, 'T', '9780306406157'));
  });

  it('leaves what only names it (a comment, a CDATA section, the PatronRequest subtype) as it is', () => {
    const sent = requestXml(ids, '<![CDATA[On <patronInfo> in ILL]]>', '9780306406157', `<!-- <patronInfo>not markup</patronInfo> -->\n    ${PATRON_INFO}`);
    const kept = withoutPatron(sent);
    expect(kept).toContain('<![CDATA[On <patronInfo> in ILL]]>');
    expect(kept).toContain('<!-- <patronInfo>not markup</patronInfo> -->');
    expect(kept).toContain('<requestSubType>PatronRequest</requestSubType>');
    expect(kept).not.toContain('Wulandari');
    expect(readMessage(kept).body.patronInfo).toBeUndefined();
  });

  it('returns a message without one as it came', () => {
    const message = supplierXml({ ...ids, supplierRequestId: 'SUP-1' }, 'Loaned');
    expect(withoutPatron(message)).toBe(message);
  });
});
