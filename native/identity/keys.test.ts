import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../store/test-helpers.ts';
import { deviceKeyPath, generateSigningKey, loadOrCreateDeviceKey, readKeyFile, verifySignature, writeNewKeyFile } from './keys.ts';

let dir: ReturnType<typeof tempDir>;
afterEach(() => dir?.cleanup());

describe('Ed25519 keys', () => {
  it('signs bytes that only the matching public key verifies, and no altered byte passes', () => {
    const a = generateSigningKey();
    const b = generateSigningKey();
    const bytes = Buffer.from('{"seq":1}');
    const sig = a.sign(bytes);
    expect(verifySignature(a.publicKey, bytes, sig)).toBe(true);
    expect(verifySignature(b.publicKey, bytes, sig)).toBe(false);
    expect(verifySignature(a.publicKey, Buffer.from('{"seq":2}'), sig)).toBe(false);
    expect(verifySignature(a.publicKey, bytes, 'not a signature')).toBe(false);
    expect(verifySignature('short', bytes, sig)).toBe(false);
  });

  it('keeps the device key in an owner-only file, made once and reused, bound to its device id', () => {
    dir = tempDir('polder-keys-');
    const first = loadOrCreateDeviceKey(dir.dir, 'dev_a');
    expect(first.created).toBe(true);
    expect(statSync(deviceKeyPath(dir.dir)).mode & 0o777).toBe(0o600);
    const again = loadOrCreateDeviceKey(dir.dir, 'dev_a');
    expect(again).toMatchObject({ created: false, key: { publicKey: first.key.publicKey } });
    const bytes = Buffer.from('x');
    expect(verifySignature(first.key.publicKey, bytes, again.key.sign(bytes))).toBe(true);
    expect(() => loadOrCreateDeviceKey(dir.dir, 'dev_b')).toThrow(/is the key of device dev_a, but this data folder is device dev_b/);
    expect(() => writeNewKeyFile(deviceKeyPath(dir.dir), 'dev_a')).toThrow(/never overwritten/);
  });

  it('refuses a damaged key file with one line', () => {
    dir = tempDir('polder-keys-');
    const path = deviceKeyPath(dir.dir);
    writeFileSync(path, '{"format":');
    expect(() => readKeyFile(path)).toThrow(/is not valid JSON/);
    writeNewKeyFile(`${path}.2`, 'dev_a');
    const file = JSON.parse(readFileSync(`${path}.2`, 'utf8')) as Record<string, string>;
    writeFileSync(path, JSON.stringify({ ...file, privateKey: 'x' }));
    expect(() => readKeyFile(path)).toThrow(/is not a Polder key file/);
    expect(() => readKeyFile(`${path}.missing`)).toThrow(/does not exist/);
  });
});
