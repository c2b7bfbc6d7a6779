import { defaultDirectory } from '../ops/directory.ts';
import { createHash } from 'node:crypto';
import { generateSigningKey, signingKeyFromSeed, type SigningKey } from './keys.ts';
import { signRoster, type Roster, type RosterDevice } from './roster.ts';
import { makeVerifier } from './secret.ts';

/** Cheap scrypt parameters: tests make many verifiers; the real ones are measured by the sign-in bench. */
export const testKdf = { N: 1024, r: 8, p: 1 };

/**
 * A signed roster of the default directory's people, each with the PIN `pin-<id>` (cheap KDF), and
 * the given devices; returns the admin key too, to sign newer versions.
 */
export function testRoster(devices: RosterDevice[] = [], options: { admin?: SigningKey; version?: number; org?: string } = {}): { roster: Roster; admin: SigningKey } {
  const admin = options.admin ?? generateSigningKey();
  const { departments, actors } = defaultDirectory();
  const draft: Roster = {
    format: 'polder-roster/1',
    org: options.org ?? 'test-org',
    version: options.version ?? 1,
    issuedAt: 0,
    adminKey: admin.publicKey,
    lockAfterMinutes: 15,
    departments,
    people: actors.map((a) => ({ ...a, secret: makeVerifier(`pin-${a.id}`, testKdf) })),
    devices,
    signature: null,
  };
  return { roster: signRoster(draft, admin), admin };
}

/** A test device's key, the same for the same id every time (so nodes made apart trust each other). */
export function testDeviceKey(id: string): SigningKey {
  return signingKeyFromSeed(createHash('sha256').update(`polder test device ${id}`).digest());
}

/**
 * Keys for the given device ids and one roster listing them all (and `revoked`, marked so),
 * signed by the same test admin key every time: `trusted(id)` are the ops service options of
 * that device.
 */
export function trustedDevices(ids: readonly string[], revoked: readonly { id: string; publicKey: string }[] = []) {
  const keys = new Map(ids.map((id) => [id, testDeviceKey(id)]));
  const enrolled = ids.map((id) => ({ id, publicKey: keys.get(id)!.publicKey, kind: 'workstation' as const, revoked: false }));
  const devices = [...enrolled, ...revoked.map((d) => ({ ...d, kind: 'field-laptop' as const, revoked: true }))];
  const { roster, admin } = testRoster(devices, { admin: testDeviceKey('admin') });
  const trusted = (id: string) => ({ deviceId: id, roster, deviceKey: keys.get(id)! });
  return { trusted, roster, admin, keys };
}
