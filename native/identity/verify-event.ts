import { decodeHlc } from '../ops/hlc.ts';
import type { OpsEvent } from '../ops/event.ts';
import { mayDo } from '../ops/permissions.ts';
import { eventSigningBytes } from './event-signature.ts';
import { isSystemWrite, requiredRight } from './event-rights.ts';
import { signatureChecker } from './keys.ts';
import type { Roster } from './roster.ts';

export const quarantineReasons = ['malformed', 'unsigned', 'bad_signature', 'unknown_device', 'revoked_device', 'out_of_role', 'equivocation', 'clock_drift', 'broken_chain'] as const;
export type QuarantineReason = (typeof quarantineReasons)[number];

export type Verdict = { ok: true } | { ok: false; reason: QuarantineReason; detail: string };

export interface VerifyContext {
  /** The hash of the event the local log holds at (origin, seq), if any. */
  heldAt(origin: string, seq: number): string | undefined;
  /** The hash of the event the local log holds under this id, if any. */
  heldById(id: string): string | undefined;
  now: number;
  /** How far ahead of this device's clock an event may be stamped. */
  maxDriftMs: number;
  /** The public key under which a check made before this one (a signature thread) found the event's signature valid. */
  signedBy?: string;
}

export type EventVerifier = (ev: OpsEvent, ctx: VerifyContext) => Verdict;

const refuse = (reason: QuarantineReason, detail: string): Verdict => ({ ok: false, reason, detail });

/**
 * The check of received events against `roster`: whether an event from another device may be
 * applied, given what the local log holds. It must be signed by a device the roster lists and has
 * not revoked, by a person whose role allows what it does, not be a second version of a sequence
 * number or an id already held, and not be stamped beyond the drift bound ahead of this clock.
 */
export function createEventVerifier(roster: Roster): EventVerifier {
  const devices = new Map(roster.devices.map((d) => [d.id, { ...d, check: signatureChecker(d.publicKey) }]));
  const people = new Map(roster.people.map((p) => [p.id, p]));
  const named = `roster ${roster.org} v${roster.version}`;
  return (ev, ctx) => {
    if (ev.sig === null) return refuse('unsigned', `event ${ev.origin}#${ev.seq} carries no signature`);
    const device = devices.get(ev.origin);
    if (!device) return refuse('unknown_device', `device ${ev.origin} is not in ${named}`);
    if (device.revoked) return refuse('revoked_device', `device ${ev.origin} was revoked in ${named}`);
    const signed = ctx.signedBy === device.publicKey || device.check(eventSigningBytes(ev), ev.sig);
    if (!signed) return refuse('bad_signature', `event ${ev.origin}#${ev.seq}: the signature is not device ${ev.origin}'s over this content`);
    return authorAndSequence(ev, ctx, people, named);
  };
}

function authorAndSequence(ev: OpsEvent, ctx: VerifyContext, people: ReadonlyMap<string, Roster['people'][number]>, named: string): Verdict {
  const right = requiredRight(ev);
  if (right === null) return refuse('out_of_role', `no one may write events of type ${ev.type}`);
  if (ev.actor === 'system') {
    if (!isSystemWrite(ev.type)) return refuse('out_of_role', `the system does not write ${ev.type} events`);
  } else {
    const person = people.get(ev.actor);
    if (!person) return refuse('out_of_role', `${ev.actor} is not in ${named}`);
    if (right === 'system-only') return refuse('out_of_role', `only the system writes ${ev.type} events, not ${person.name}`);
    if (!right.some((r) => mayDo(person, r.action, r.department))) {
      const [first] = right;
      const where = first?.department ? ` for department ${first.department}` : '';
      return refuse('out_of_role', `${person.name} (${person.role}, ${person.department}) may not ${first?.action.replace('.', ' ') ?? 'write this'}${where}`);
    }
  }

  const atSeq = ctx.heldAt(ev.origin, ev.seq);
  if (atSeq !== undefined && atSeq !== ev.hash) return refuse('equivocation', `device ${ev.origin} already sent a different event #${ev.seq}`);
  const byId = ctx.heldById(ev.id);
  if (byId !== undefined && byId !== ev.hash) return refuse('equivocation', `event ${ev.id} is already held with different content (a replay)`);

  const ahead = decodeHlc(ev.hlc).wall - ctx.now;
  if (ahead > ctx.maxDriftMs) return refuse('clock_drift', `stamped ${Math.round(ahead / 1000)} s ahead of this device's clock (the bound is ${Math.round(ctx.maxDriftMs / 1000)} s)`);
  return { ok: true };
}
