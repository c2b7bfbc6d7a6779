import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A plain JSON value (finite numbers, no undefined, functions or class instances), checked directly: it runs per field of every ingested event. */
export function isJson(value: unknown, depth = 0): value is Json {
  if (depth > 32) return false;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      if (value === null) return true;
      if (Array.isArray(value)) return value.every((v) => isJson(v, depth + 1));
      if (Object.getPrototypeOf(value) !== Object.prototype) return false;
      return Object.values(value).every((v) => isJson(v, depth + 1));
    default:
      return false;
  }
}

/**
 * What an event changes on its entity. Fields in `set` merge per field by last-writer-wins (or
 * the kind's lattice); `base` holds, per field, the HLC of the value the author saw, which is how
 * a concurrent override is told apart from a deliberate one. `add`/`remove` edit set fields.
 */
export interface EventPayload {
  create?: true;
  set?: Record<string, Json>;
  base?: Record<string, string>;
  add?: Record<string, string[]>;
  remove?: Record<string, string[]>;
  /** Fields whose open conflicts this event settles: those no newer than its `base` for the field. */
  resolve?: string[];
  /** The department the timeline files this under. */
  dept?: string | null;
  /** One human line for the activity log. */
  summary: string;
  text?: string;
}

export interface OpsEvent {
  /** UUIDv7. */
  id: string;
  /** The device that wrote it. */
  origin: string;
  /** 1, 2, 3 … per origin. */
  seq: number;
  /** Hybrid logical clock timestamp (see hlc.ts). */
  hlc: string;
  actor: string;
  /** `<kind>.<what happened>`, e.g. `task.assigned`. */
  type: string;
  entity: string;
  payload: EventPayload;
  /** The hash of this origin's previous event ('' for seq 1). */
  prevHash: string;
  hash: string;
  /** Signature, filled in by the sync layer. */
  sig: string | null;
}

export const eventTypePattern = /^[a-z]+\.[a-z_.]+$/;

/** The entity kind an event type belongs to: `task.assigned` → `task`. */
export function kindOf(type: string): string {
  return type.slice(0, type.indexOf('.'));
}

/** The per-origin chain link: covers every stored column but `sig`, including the previous event's hash. */
export function eventHash(e: Omit<OpsEvent, 'hash' | 'sig'>): string {
  const text = canonicalJson([e.id, e.origin, e.seq, e.hlc, e.actor, e.type, e.entity, canonicalJson(e.payload), e.prevHash]);
  return createHash('sha256').update(text).digest('hex');
}

export interface EventRow {
  pos?: number;
  id: string;
  origin: string;
  seq: number;
  hlc: string;
  actor: string;
  type: string;
  entity: string;
  payload: string;
  prev_hash: string;
  hash: string;
  sig: string | null;
}

export function toRow(e: OpsEvent): EventRow {
  return {
    id: e.id, origin: e.origin, seq: e.seq, hlc: e.hlc, actor: e.actor, type: e.type, entity: e.entity,
    payload: canonicalJson(e.payload), prev_hash: e.prevHash, hash: e.hash, sig: e.sig,
  };
}

export function fromRow(r: EventRow): OpsEvent {
  return {
    id: r.id, origin: r.origin, seq: r.seq, hlc: r.hlc, actor: r.actor, type: r.type, entity: r.entity,
    payload: JSON.parse(r.payload) as EventPayload, prevHash: r.prev_hash, hash: r.hash, sig: r.sig,
  };
}

/** Hash of a stored row as written: a changed payload text changes it even if it parses the same. */
export function rowHash(r: EventRow): string {
  const text = canonicalJson([r.id, r.origin, r.seq, r.hlc, r.actor, r.type, r.entity, r.payload, r.prev_hash]);
  return createHash('sha256').update(text).digest('hex');
}
