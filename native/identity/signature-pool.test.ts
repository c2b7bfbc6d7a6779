import { afterEach, describe, expect, it } from 'vitest';
import { generateSigningKey } from './keys.ts';
import { createSignaturePool, type SignaturePool } from './signature-pool.ts';

let pool: SignaturePool | undefined;
afterEach(() => pool?.close());

describe('the signature threads', () => {
  it('answer each check in order: valid, altered bytes, another key, malformed, across threads and keys', async () => {
    pool = createSignaturePool(2);
    const [alice, bob] = [generateSigningKey(), generateSigningKey()];
    const bytes = (text: string) => Buffer.from(text, 'utf8');
    const checks = Array.from({ length: 40 }, (_, i) => {
      const key = i % 2 ? alice : bob;
      const text = `event ${i} ${'é'.repeat(i)}`;
      const signature = key.sign(bytes(text));
      switch (i % 5) {
        case 1:
          return { publicKey: key.publicKey, bytes: bytes(`${text}!`), signature, valid: false };
        case 2:
          return { publicKey: (i % 2 ? bob : alice).publicKey, bytes: bytes(text), signature, valid: false };
        case 3:
          return { publicKey: key.publicKey, bytes: bytes(text), signature: signature.slice(1), valid: false };
        default:
          return { publicKey: key.publicKey, bytes: bytes(text), signature, valid: true };
      }
    });
    expect(await pool.check(checks)).toEqual(checks.map((c) => c.valid));
    expect(await pool.check([])).toEqual([]);
    await pool.close();
    await expect(pool.check(checks)).rejects.toThrow(/closed/);
  });
});
