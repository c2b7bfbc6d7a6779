import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';
import { uuidv7 } from './uuid.ts';

describe('uuidv7', () => {
  it('carries the given millisecond timestamp, version 7 and the RFC variant', () => {
    const id = uuidv7(0x0190_1234_5678);
    expect(id).toMatch(/^01901234-5678-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidv7(1) < uuidv7(2)).toBe(true);
    expect(uuidv7(5)).not.toBe(uuidv7(5));
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[{"y":2,"z":1}]},"b":1}');
  });
});

describe('canonicalJson equals JSON.stringify of a key-sorted copy', () => {
  it('on awkward values', () => {
    const sorted = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])])) : v;
    const samples: unknown[] = [
      { z: [1, undefined, () => 1, NaN, -0, 1e21, 'é\u2028"\\'], a: { c: null, b: undefined, '': true } },
      [],
      {},
      'plain',
      0.1 + 0.2,
      [{ b: 1, a: [{ d: 2, c: 3 }] }],
    ];
    for (const s of samples) expect(canonicalJson(s)).toBe(JSON.stringify(sorted(s)));
  });
});
