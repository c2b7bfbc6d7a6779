import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';

/**
 * scrypt (RFC 7914) over a person's PIN or password. N = 2^15, r = 8 takes 32 MiB and about a
 * tenth of a second per sign-in on a field laptop (`npm run bench`): cheap once per sign-in,
 * costly for someone guessing PINs from a stolen roster file.
 */
export const defaultKdf = { name: 'scrypt', N: 32768, r: 8, p: 1 } as const;

export const SecretVerifier = z.strictObject({
  kdf: z.literal('scrypt'),
  N: z.number().int().min(1024).max(1 << 20).refine((n) => (n & (n - 1)) === 0, 'N must be a power of two'),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  salt: z.string().regex(/^[A-Za-z0-9_-]{22,}$/),
  hash: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});
export type SecretVerifier = z.infer<typeof SecretVerifier>;

export type KdfParams = Pick<SecretVerifier, 'N' | 'r' | 'p'>;

/** The shortest secret a roster accepts: a four-digit PIN. */
export const minSecretLength = 4;

// scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is exactly the default's need, so allow twice.
const options = ({ N, r, p }: KdfParams): ScryptOptions => ({ N, r, p, maxmem: 256 * N * r + (1 << 20) });

function derive(secret: string, salt: Buffer, params: KdfParams): Buffer {
  return scryptSync(secret.normalize('NFC'), salt, 32, options(params));
}

/** Off the event loop (libuv's pool), so a sign-in does not stall the other windows' calls. */
function deriveAsync(secret: string, salt: Buffer, params: KdfParams): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(secret.normalize('NFC'), salt, 32, options(params), (err, key) => (err ? reject(err) : resolve(key))));
}

export function makeVerifier(secret: string, params: KdfParams = defaultKdf): SecretVerifier {
  if (secret.length < minSecretLength) throw new Error(`a PIN or password needs at least ${minSecretLength} characters`);
  const salt = randomBytes(16);
  return { kdf: 'scrypt', ...pick(params), salt: salt.toString('base64url'), hash: derive(secret, salt, params).toString('base64url') };
}

export async function checkSecret(secret: string, verifier: SecretVerifier): Promise<boolean> {
  const expected = Buffer.from(verifier.hash, 'base64url');
  return timingSafeEqual(await deriveAsync(secret, Buffer.from(verifier.salt, 'base64url'), verifier), expected);
}

const pick = ({ N, r, p }: KdfParams): KdfParams => ({ N, r, p });
