import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventSigningBytes, slowSigningBytes } from './event-signature.ts';

describe('the bytes a device signs', () => {
  it('are the RFC 8785 bytes of the event without its sig, whatever its strings and payload hold', () => {
    const text = fc.string({ unit: 'grapheme' });
    fc.assert(
      fc.property(
        fc.record({ id: text, origin: text, seq: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), hlc: text, actor: text, type: text, entity: text, prevHash: text, hash: text }),
        fc.dictionary(text, fc.jsonValue({ noUnicodeString: false })),
        (fields, payload) => {
          const ev = { ...fields, payload: payload as never };
          expect(eventSigningBytes(ev).toString('utf8')).toBe(slowSigningBytes(ev).toString('utf8'));
        },
      ),
      { seed: 8785, numRuns: 300 },
    );
  });
});
