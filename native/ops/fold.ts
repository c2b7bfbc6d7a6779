import { canonicalJson } from './canonical-json.ts';
import { kindOf, type Json, type OpsEvent } from './event.ts';
import { isEntityKind, kindRules, type FieldRule } from './kinds.ts';

export interface Stamp {
  hlc: string;
  origin: string;
  event: string;
}

/** One entity folded from its events. `fields` is what readers see; the rest is merge bookkeeping. */
export interface EntityState {
  id: string;
  kind: string;
  created: boolean;
  /** The greatest HLC folded in. */
  version: string;
  fields: Record<string, Json>;
  stamps: Record<string, Stamp>;
  sets: Record<string, Record<string, { hlc: string; present: boolean }>>;
}

/** A value a concurrent writer overrode: shown to people, never silently dropped. */
export interface Conflict {
  entity: string;
  field: string;
  lostEvent: string;
  keptEvent: string;
  lostValue: Json;
  keptValue: Json;
  hlc: string;
}

const lww: FieldRule = { merge: 'lww' };

export function emptyEntity(id: string, kind: string): EntityState {
  return { id, kind, created: false, version: '', fields: {}, stamps: {}, sets: {} };
}

/**
 * Folds one event into its entity, which must already hold every event of that entity with a
 * smaller (hlc, origin) and no greater one: folding an entity's events in HLC order gives the
 * same state and conflicts whatever order they arrived in. Returns the conflicts this event made.
 */
export function foldEvent(state: EntityState, ev: OpsEvent): Conflict[] {
  if (ev.hlc <= state.version) throw new Error(`event ${ev.id} folded out of HLC order on ${state.id}`);
  const kind = kindOf(ev.type);
  const rules = isEntityKind(kind) ? kindRules[kind] : { fields: {}, sets: [] };
  const p = ev.payload;
  const conflicts: Conflict[] = [];
  const stamp: Stamp = { hlc: ev.hlc, origin: ev.origin, event: ev.id };
  if (p.create) state.created = true;

  for (const [field, value] of Object.entries(p.set ?? {})) {
    const cur = state.stamps[field];
    if (!cur) {
      state.fields[field] = value;
      state.stamps[field] = stamp;
      continue;
    }
    const curValue = state.fields[field] ?? null;
    const differs = canonicalJson(curValue) !== canonicalJson(value);
    const concurrent = differs && !sawCurrent(ev, field, cur);
    const take = () => {
      if (concurrent) conflicts.push({ entity: state.id, field, lostEvent: cur.event, keptEvent: ev.id, lostValue: curValue, keptValue: value, hlc: ev.hlc });
      state.fields[field] = value;
      state.stamps[field] = stamp;
    };
    const rule = rules.fields[field] ?? lww;
    switch (rule.merge) {
      case 'lww':
        take();
        break;
      case 'max':
        if (typeof value === 'number' && typeof curValue === 'number' && value > curValue) {
          state.fields[field] = value;
          state.stamps[field] = stamp;
        }
        break;
      case 'rank': {
        const next = rule.ranks[String(value)] ?? -1;
        const now = rule.ranks[String(curValue)] ?? -1;
        if (next > now) {
          state.fields[field] = value;
          state.stamps[field] = stamp;
        } else if (next === now && differs) take();
        break;
      }
      case 'terminal': {
        const curFinal = rule.terminal.includes(String(curValue));
        const nextFinal = rule.terminal.includes(String(value));
        if (curFinal && !nextFinal) {
          if (concurrent) conflicts.push({ entity: state.id, field, lostEvent: ev.id, keptEvent: cur.event, lostValue: value, keptValue: curValue, hlc: ev.hlc });
        } else take();
        break;
      }
    }
  }

  const setOps: [Record<string, string[]> | undefined, boolean][] = [[p.remove, false], [p.add, true]];
  for (const [ops, present] of setOps) {
    for (const [field, elements] of Object.entries(ops ?? {})) {
      if (!rules.sets.includes(field)) continue;
      const members = (state.sets[field] ??= {});
      for (const el of elements) members[el] = { hlc: ev.hlc, present };
      state.fields[field] = Object.keys(members).filter((k) => members[k]!.present).sort();
    }
  }

  state.version = ev.hlc;
  return conflicts;
}

/**
 * Whether the author of `ev` saw the field's current value. `base[field]` is the version the
 * author's screen showed: the value was seen when its stamp is not newer than that, whichever
 * device or person wrote it. An event without a base for the field (older logs) is taken to have
 * seen what its own device wrote before.
 */
function sawCurrent(ev: OpsEvent, field: string, cur: Stamp): boolean {
  const seen = ev.payload.base?.[field];
  return seen === undefined ? ev.origin === cur.origin : seen >= cur.hlc;
}

/** What a resolution event settles: the conflicts on its fields that its author saw (base), on its entity. */
export interface Resolution {
  entity: string;
  upTo: Readonly<Record<string, string>>;
}

export function resolutionOf(ev: OpsEvent): Resolution | null {
  const fields = ev.payload.resolve;
  if (!fields?.length) return null;
  const upTo: Record<string, string> = {};
  // Only what its author saw, and never its own conflicts: a resolution over an edit nobody has seen yet leaves that one open.
  for (const f of fields) {
    const seen = ev.payload.base?.[f];
    if (seen !== undefined && seen < ev.hlc) upTo[f] = seen;
  }
  return { entity: ev.entity, upTo };
}

export function settles(r: Resolution, c: Pick<Conflict, 'entity' | 'field' | 'hlc'>): boolean {
  const upTo = r.upTo[c.field];
  return c.entity === r.entity && upTo !== undefined && c.hlc <= upTo;
}

/** Folds an entity from scratch: the events may come in any order. `conflicts` are those still open. */
export function foldEntity(id: string, events: readonly OpsEvent[]): { state: EntityState; conflicts: Conflict[] } {
  const sorted = [...events].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : 1));
  const state = emptyEntity(id, sorted[0] ? kindOf(sorted[0].type) : '');
  let conflicts: Conflict[] = [];
  for (const ev of sorted) {
    conflicts.push(...foldEvent(state, ev));
    const r = resolutionOf(ev);
    if (r) conflicts = conflicts.filter((c) => !settles(r, c));
  }
  return { state, conflicts };
}
