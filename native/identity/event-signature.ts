import type { OpsEvent } from '../ops/event.ts';
import { canonicalBytes, canonicalText } from './canonical.ts';
import type { SigningKey } from './keys.ts';

type Signed = Omit<OpsEvent, 'sig'>;

/**
 * What a device signs: the RFC 8785 bytes of the whole event but its `sig`. The top level has the
 * same ten fields every time, so it is written in JCS key order by hand (its values are strings
 * and an integer, which JCS writes as JSON.stringify does) and only the payload goes through the
 * general canonicaliser: every receiver does this for every event.
 */
export function eventSigningBytes(ev: Signed): Buffer {
  if (!Number.isSafeInteger(ev.seq)) return slowSigningBytes(ev);
  const str = JSON.stringify;
  const text = `{"actor":${str(ev.actor)},"entity":${str(ev.entity)},"hash":${str(ev.hash)},"hlc":${str(ev.hlc)},"id":${str(ev.id)},"origin":${str(ev.origin)},"payload":${canonicalText(ev.payload)},"prevHash":${str(ev.prevHash)},"seq":${ev.seq},"type":${str(ev.type)}}`;
  return Buffer.from(text, 'utf8');
}

/** The signed bytes through the general canonicaliser (the definition the fast path must equal). */
export function slowSigningBytes(ev: Signed): Buffer {
  const { id, origin, seq, hlc, actor, type, entity, payload, prevHash, hash } = ev;
  return canonicalBytes({ id, origin, seq, hlc, actor, type, entity, payload, prevHash, hash });
}

export function signEvent(ev: Signed, key: SigningKey): string {
  return key.sign(eventSigningBytes(ev));
}
