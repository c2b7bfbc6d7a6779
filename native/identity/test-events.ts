import { eventHash, type EventPayload, type OpsEvent } from '../ops/event.ts';
import { encodeHlc } from '../ops/hlc.ts';
import { uuidv7 } from '../ops/uuid.ts';
import { signEvent } from './event-signature.ts';
import type { SigningKey } from './keys.ts';

export interface Crafted {
  actor: string;
  type: string;
  entity: string;
  payload: EventPayload;
}

/**
 * An event as a device (or an attacker holding its key) would send it: hashed, chained to
 * `prevHash` and signed with `key` (null: unsigned).
 */
export function craftEvent(key: SigningKey | null, origin: string, seq: number, prevHash: string, wall: number, what: Crafted, id = uuidv7(wall)): OpsEvent {
  const unsigned = { id, origin, seq, hlc: encodeHlc({ wall, counter: 0, node: origin }), ...what, prevHash };
  const hashed = { ...unsigned, hash: eventHash(unsigned) };
  return { ...hashed, sig: key ? signEvent(hashed, key) : null };
}

export const logLine = (actor: string, dept: string, text: string): Crafted => ({
  actor, type: 'log.entry', entity: `log-${text.length}-${dept}`, payload: { create: true, set: { text, department: dept, author: actor }, summary: text, dept },
});
