import type { OpsEvent } from '../ops/event.ts';
import { canonicalBytes } from './canonical.ts';
import type { SigningKey } from './keys.ts';

/** What a device signs: the RFC 8785 bytes of the whole event but its `sig`. */
export function eventSigningBytes(ev: Omit<OpsEvent, 'sig'>): Buffer {
  const { id, origin, seq, hlc, actor, type, entity, payload, prevHash, hash } = ev;
  return canonicalBytes({ id, origin, seq, hlc, actor, type, entity, payload, prevHash, hash });
}

export function signEvent(ev: Omit<OpsEvent, 'sig'>, key: SigningKey): string {
  return key.sign(eventSigningBytes(ev));
}
