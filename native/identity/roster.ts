import { z } from 'zod';
import { Role } from '../api/ops.ts';
import type { Directory } from '../ops/directory.ts';
import { canonicalBytes } from './canonical.ts';
import { PublicKeyText, verifySignature, type SigningKey } from './keys.ts';
import { SecretVerifier } from './secret.ts';

const Id = z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'ids are 1–100 letters, digits, _ . : or -');

export const DeviceKind = z.enum(['workstation', 'field-laptop']);
export type DeviceKind = z.infer<typeof DeviceKind>;

const RosterPerson = z.strictObject({
  id: Id,
  name: z.string().trim().min(1).max(200),
  department: Id,
  role: Role,
  secret: SecretVerifier,
});
export type RosterPerson = z.infer<typeof RosterPerson>;

const RosterDevice = z.strictObject({ id: Id, publicKey: PublicKeyText, kind: DeviceKind, revoked: z.boolean() });
export type RosterDevice = z.infer<typeof RosterDevice>;

/**
 * Who works for an organisation and which devices may write its log, signed by its admin key.
 * `signature` covers the RFC 8785 bytes of everything else; null while an admin edits a draft.
 */
export const Roster = z.strictObject({
  format: z.literal('polder-roster/1'),
  org: Id,
  version: z.number().int().min(1),
  issuedAt: z.number().int().min(0),
  adminKey: PublicKeyText,
  /** A signed-in screen with no input for this long locks (the person must give their secret again). */
  lockAfterMinutes: z.number().int().min(1).max(720),
  departments: z.array(z.strictObject({ id: Id, name: z.string().trim().min(1).max(200), short: z.string().trim().min(1).max(20) })).max(100),
  people: z.array(RosterPerson).max(10_000),
  devices: z.array(RosterDevice).max(10_000),
  signature: z.string().nullable(),
});
export type Roster = z.infer<typeof Roster>;

function structureProblem(r: Roster): string | null {
  const seen = (ids: string[]) => ids.find((id, i) => ids.indexOf(id) !== i);
  const dept = seen(r.departments.map((d) => d.id));
  if (dept) return `department "${dept}" is listed twice`;
  if (!r.departments.some((d) => d.id === 'eoc')) return 'the roster needs an "eoc" department: it coordinates and decides resources';
  const person = seen(r.people.map((p) => p.id));
  if (person) return `person "${person}" is listed twice`;
  const stray = r.people.find((p) => !r.departments.some((d) => d.id === p.department));
  if (stray) return `person "${stray.id}" belongs to unknown department "${stray.department}"`;
  const device = seen(r.devices.map((d) => d.id));
  if (device) return `device "${device}" is listed twice`;
  return null;
}

/** Reads a roster (signed or a draft), or says in one line why it is not one. */
export function parseRoster(raw: unknown): { ok: true; roster: Roster } | { ok: false; problem: string } {
  const parsed = Roster.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, problem: `not a Polder roster: ${issue.path.join('.') || 'the file'}: ${issue.message}` };
  }
  const problem = structureProblem(parsed.data);
  return problem ? { ok: false, problem } : { ok: true, roster: parsed.data };
}

const signedPart = (r: Roster) => canonicalBytes({ ...r, signature: undefined });

/** The roster signed by its admin key; refuses another key (a roster changes hands only by a new roster). */
export function signRoster(roster: Roster, admin: SigningKey): Roster {
  if (admin.publicKey !== roster.adminKey) throw new Error(`this admin key (${admin.publicKey}) is not the roster's (${roster.adminKey})`);
  return { ...roster, signature: admin.sign(signedPart(roster)) };
}

/** A roster that parses and carries a valid signature by its own admin key. */
export function verifyRoster(raw: unknown): { ok: true; roster: Roster } | { ok: false; problem: string } {
  const parsed = parseRoster(raw);
  if (!parsed.ok) return parsed;
  const { roster } = parsed;
  if (roster.signature === null) return { ok: false, problem: `roster ${roster.org} v${roster.version} is an unsigned draft: sign it with polder roster sign` };
  if (!verifySignature(roster.adminKey, signedPart(roster), roster.signature)) return { ok: false, problem: `roster ${roster.org} v${roster.version}: the signature does not match its content (altered, or signed by another key)` };
  return parsed;
}

/** Why `incoming` (verified) may not replace `held`, or null: only a newer version of the same org under the same admin key does. */
export function replacementProblem(held: Roster, incoming: Roster): string | null {
  if (incoming.org !== held.org) return `the roster is for organisation ${incoming.org}, this device holds ${held.org}'s`;
  if (incoming.adminKey !== held.adminKey) return `roster v${incoming.version} is signed by another admin key than the one this device holds`;
  if (incoming.version <= held.version) return `roster v${incoming.version} is not newer than the v${held.version} this device holds`;
  return null;
}

/** The people of a roster as the ops directory (who may sign in and what they may do). */
export function rosterDirectory(roster: Roster): Directory {
  return {
    departments: roster.departments.map((d) => ({ ...d })),
    actors: roster.people.map(({ id, name, department, role }) => ({ id, name, department, role })),
  };
}
