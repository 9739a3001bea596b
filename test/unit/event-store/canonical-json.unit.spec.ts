import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { canonicalJson } from '../../../src/application/event-store/hash-chain';

/**
 * canonicalJson writes the text every event's hash is taken over, and the
 * text the stores keep. Its examples are RFC 8785's own (sections 3.2.2 and
 * 3.2.3, and number serialisations of appendix B); logs written before it
 * were hashed over the `canonicalize` package's text, so that package is the
 * oracle the property compares with: the same bytes, or every earlier hash
 * would stop verifying.
 */
describe('canonicalJson (RFC 8785)', () => {
  it('writes the RFC\'s example of primitive data: literals, numbers in their shortest form, strings escaped as JSON', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts keys by UTF-16 code units, as the RFC\'s sorting example: the emoji\'s surrogate before U+FB33', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it.each([
    [0, '0'],
    [-0, '0'],
    [1e21, '1e+21'],
    [1e-7, '1e-7'],
    [0.000001, '0.000001'],
    [9007199254740992, '9007199254740992'],
    [295147905179352830000, '295147905179352830000'],
    [5e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [333333333.3333332, '333333333.3333332'],
  ])('writes the number %p as %s', (value, text) => {
    expect(canonicalJson({ n: value })).toBe(`{"n":${text}}`);
  });

  it('refuses what has no JSON form, and a cycle, with a TypeError', () => {
    const cycle: { self?: unknown } = {};
    cycle.self = cycle;
    for (const value of [NaN, Infinity, { n: -Infinity }, 10n, [() => 1], { s: Symbol('s') }, cycle]) {
      expect(() => canonicalJson(value)).toThrow(TypeError);
      expect(() => canonicalJson(value)).toThrow(/no JSON form/);
    }
    expect(() => canonicalJson(undefined)).toThrow(/no JSON form/);
  });

  it('leaves out undefined members and writes undefined items as null, as JSON.stringify does', () => {
    expect(canonicalJson({ b: [1, undefined], a: undefined, d: new Date(5) })).toBe('{"b":[1,null],"d":"1970-01-01T00:00:00.005Z"}');
  });

  it('writes the same text as the package earlier logs were hashed with, and text that parses back to the value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary', maxDepth: 5 }), (value) => {
        const text = canonicalJson(value);
        expect(text).toBe(canonicalize(value));
        // -0 is written 0, as RFC 8785 and JSON.stringify write it.
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 2000 },
    );
  });
});
