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
