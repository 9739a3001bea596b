import { charsetOf } from '../../../src/infrastructure/content-type';

describe('the charset a Content-Type names', () => {
  it.each([
    ['application/json; charset=utf-8', 'utf-8'],
    ['application/xml;charset=ISO-8859-1', 'iso-8859-1'],
    ['text/xml; CHARSET=US-ASCII', 'us-ascii'],
    ['application/xml; Charset=Latin1', 'latin1'],
  ])('reads a token, lower-cased whatever the case of its name and value: %s', (contentType, charset) =>
    expect(charsetOf(contentType)).toBe(charset));

  it.each([
    ['application/xml; charset="ISO-8859-1"', 'iso-8859-1'],
    ['application/xml; charset=""', ''],
    ['application/xml; charset="utf\\-8"', 'utf-8'],
    ['application/xml; charset="a;b"', 'a;b'],
  ])('reads a quoted string without its quotes and escapes, ; included: %s', (contentType, charset) =>
    expect(charsetOf(contentType)).toBe(charset));

  it.each([
    ['application/xml ;  charset=utf-8', 'utf-8'],
    ['application/xml;\tcharset = utf-8 ', 'utf-8'],
    ['application/xml; charset= "utf-8" ; format=flowed', 'utf-8'],
  ])('tolerates whitespace around the parameter and its =: %j', (contentType, charset) =>
    expect(charsetOf(contentType)).toBe(charset));

  it.each([
    ['application/xml; version=1; charset=utf-8', 'utf-8'],
    ['application/xml; title="x; charset=latin1"; charset=utf-8', 'utf-8'],
    ['application/xml; broken; charset=utf-8', 'utf-8'],
  ])('finds it among other parameters, not inside their quoted values: %s', (contentType, charset) =>
    expect(charsetOf(contentType)).toBe(charset));

  it.each([
    [undefined],
    [''],
    ['application/xml'],
    ['application/xml; version=1'],
    ['application/xml; title="charset=utf-8"'],
    ['application/xml; mycharset=utf-8'],
    ['charset=utf-8'],
  ])('is undefined when none is named: %j', (contentType) => expect(charsetOf(contentType)).toBeUndefined());

  it('takes an empty value as named and empty, for the caller to refuse', () =>
    expect(charsetOf('application/json; charset=')).toBe(''));
});
