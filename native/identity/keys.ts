import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** An Ed25519 public key: its 32 raw bytes, base64url (the JWK `x`). */
export const PublicKeyText = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not an Ed25519 public key (43 base64url characters)');

export interface SigningKey {
  publicKey: string;
  /** The Ed25519 signature of `bytes`, base64url. */
  sign(bytes: Uint8Array): string;
}

const KeyFile = z.strictObject({
  format: z.literal('polder-ed25519-key/1'),
  /** Whose key: a device id, or `admin:<org>` for a roster admin key. */
  owner: z.string().min(1),
  publicKey: PublicKeyText,
  privateKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});
type KeyFile = z.infer<typeof KeyFile>;

function signerOf(file: KeyFile): SigningKey {
  const key = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', x: file.publicKey, d: file.privateKey }, format: 'jwk' });
  return { publicKey: file.publicKey, sign: (bytes) => sign(null, bytes, key).toString('base64url') };
}

function publicKeyObject(publicKey: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
}

/**
 * A check of `publicKey`'s Ed25519 signatures (base64url), false for anything malformed. Made once
 * per key: importing the key costs more than a verification.
 */
export function signatureChecker(publicKey: string): (bytes: Uint8Array, signature: string) => boolean {
  if (!PublicKeyText.safeParse(publicKey).success) return () => false;
  const key = publicKeyObject(publicKey);
  return (bytes, signature) => {
    if (!/^[A-Za-z0-9_-]{86}$/.test(signature)) return false;
    try {
      return verify(null, bytes, key, Buffer.from(signature, 'base64url'));
    } catch {
      return false;
    }
  };
}

/** Whether `signature` (base64url) is `publicKey`'s Ed25519 signature of `bytes`. */
export function verifySignature(publicKey: string, bytes: Uint8Array, signature: string): boolean {
  return signatureChecker(publicKey)(bytes, signature);
}

/** The key pair whose private key is these 32 bytes (RFC 8032 seed): the same seed, the same key. */
export function signingKeyFromSeed(seed: Uint8Array): SigningKey {
  if (seed.length !== 32) throw new Error('an Ed25519 seed is 32 bytes');
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const key = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(key).export({ format: 'jwk' }).x!;
  return { publicKey, sign: (bytes) => sign(null, bytes, key).toString('base64url') };
}

/** A new key pair in memory (tests, throwaway demo keys). */
export function generateSigningKey(): SigningKey & { file(owner: string): KeyFile } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  const file = (owner: string): KeyFile => ({ format: 'polder-ed25519-key/1', owner, publicKey: jwk.x!, privateKey: jwk.d! });
  return { ...signerOf(file('')), file };
}

/** Reads a key file; throws one line saying what is wrong with it. */
export function readKeyFile(path: string): { owner: string; key: SigningKey } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'is not valid JSON';
    throw new Error(`the key file ${path} ${why}`, { cause: err });
  }
  const parsed = KeyFile.safeParse(raw);
  if (!parsed.success) throw new Error(`${path} is not a Polder key file`);
  return { owner: parsed.data.owner, key: signerOf(parsed.data) };
}

/** Writes a new key file readable by its owner only; never replaces one (a lost key is a lost identity). */
export function writeNewKeyFile(path: string, owner: string): SigningKey {
  if (existsSync(path)) throw new Error(`${path} already exists: a key is never overwritten`);
  const generated = generateSigningKey();
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, JSON.stringify(generated.file(owner), null, 2) + '\n', { mode: 0o600 });
  renameSync(temporary, path);
  return generated;
}

export function deviceKeyPath(dataDir: string): string {
  return join(dataDir, 'device-key.json');
}

/**
 * This device's signing key, made on first use. A key file made for another device id (a data
 * folder copied from elsewhere) is refused: events would be signed in another device's name.
 */
export function loadOrCreateDeviceKey(dataDir: string, deviceId: string): { key: SigningKey; created: boolean } {
  const path = deviceKeyPath(dataDir);
  if (!existsSync(path)) return { key: writeNewKeyFile(path, deviceId), created: true };
  const { owner, key } = readKeyFile(path);
  if (owner !== deviceId) throw new Error(`${path} is the key of device ${owner}, but this data folder is device ${deviceId}`);
  return { key, created: false };
}
