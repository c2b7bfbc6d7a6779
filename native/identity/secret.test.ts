import { describe, expect, it } from 'vitest';
import { checkSecret, defaultKdf, makeVerifier, SecretVerifier } from './secret.ts';

const fast = { N: 1024, r: 8, p: 1 };

describe('secret verifiers (scrypt)', () => {
  it('accepts the secret it was made from and refuses any other', async () => {
    const v = makeVerifier('4711', fast);
    expect(await checkSecret('4711', v)).toBe(true);
    expect(await checkSecret('4712', v)).toBe(false);
    expect(await checkSecret('', v)).toBe(false);
  });

  it('salts every verifier, so one secret gives different hashes', () => {
    const a = makeVerifier('correct horse', fast);
    const b = makeVerifier('correct horse', fast);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
  });

  it('records its parameters, and checks with the recorded ones (the default is memory-hard: 32 MiB)', async () => {
    const v = makeVerifier('2007');
    expect(v).toMatchObject({ kdf: 'scrypt', N: defaultKdf.N, r: defaultKdf.r, p: defaultKdf.p });
    expect(128 * v.N * v.r).toBe(32 * 1024 * 1024);
    expect(SecretVerifier.safeParse(v).success).toBe(true);
    expect(await checkSecret('2007', v)).toBe(true);
    expect(await checkSecret('2007', { ...v, N: 2048 })).toBe(false);
  });

  it('refuses secrets shorter than a four-digit PIN and parameters that are not a power of two', () => {
    expect(() => makeVerifier('123', fast)).toThrow(/at least 4 characters/);
    expect(SecretVerifier.safeParse({ ...makeVerifier('1234', fast), N: 1000 }).success).toBe(false);
  });
});
