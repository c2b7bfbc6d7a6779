import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from '../ops/canonical-json.ts';
import { canonicalBytes, canonicalText } from './canonical.ts';

/** An IEEE 754 double from its 16 hex digits, as RFC 8785 Appendix B writes them. */
const double = (hex: string) => Buffer.from(hex, 'hex').readDoubleBE(0);

describe('RFC 8785 canonical JSON', () => {
  it('matches the RFC\'s worked example (section 3.2.2): numbers, string escapes and literals', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    );
    expect(canonicalText(input)).toBe('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
    // Its UTF-8 bytes, as the RFC prints them.
    expect(canonicalBytes(input).toString('hex')).toBe(
      '7b226c6974657261' + '6c73223a5b6e756c' + '6c2c747275652c66' + '616c73655d2c226e' + '756d62657273223a' + '5b3333333333333333' +
        '332e333333333333' + '332c31652b33302c' + '342e352c302e3030' + '322c31652d32375d' + '2c22737472696e67' + '223a22e282ac245c' +
        '7530303066' + '5c6e4127425c225c' + '5c5c5c5c222f227d',
    );
  });

  it('sorts properties by UTF-16 code units (section 3.2.3)', () => {
    const input = JSON.parse(
      '{"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control", "\\u00f6": "Latin Small Letter O With Diaeresis"}',
    );
    expect(canonicalText(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  // Appendix B: IEEE 754 value → its ECMAScript serialisation.
  const numbers: [string, string][] = [
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ];
  it.each(numbers)('serialises the double %s as %s (Appendix B)', (hex, text) => {
    expect(canonicalText(double(hex))).toBe(text);
  });

  it('refuses what has no canonical form: NaN, Infinity and lone surrogates (Appendix B, section 3.2.2.2)', () => {
    expect(() => canonicalText(double('7fffffffffffffff'))).toThrow(/NaN/);
    expect(() => canonicalText(double('7ff0000000000000'))).toThrow(/Infinity/);
    expect(() => canonicalText({ text: 'half \ud83d' })).toThrow(/surrogate/);
  });

  it('gives the same text as the hash chain\'s canonicalJson for every JSON value, so the two never disagree', () => {
    const json = fc.jsonValue({ noUnicodeString: false }).filter((v) => !Object.is(v, -0));
    fc.assert(fc.property(json, (v) => canonicalText(v) === canonicalJson(v)), { seed: 8785, numRuns: 500 });
  });
});
