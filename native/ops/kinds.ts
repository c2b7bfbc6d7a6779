/**
 * How each field of each entity kind merges when concurrent events disagree.
 * lww: last writer on (hlc, origin) wins; terminal: lww, except a terminal value is never undone
 * by a non-terminal one; rank: a max-lattice on the given ranks (equal ranks fall back to lww);
 * max: numeric maximum. Fields not listed are lww. `sets` are add/remove sets.
 */
export type FieldRule =
  | { merge: 'lww' }
  | { merge: 'terminal'; terminal: readonly string[] }
  | { merge: 'rank'; ranks: Readonly<Record<string, number>> }
  | { merge: 'max' };

export interface KindRules {
  fields: Readonly<Record<string, FieldRule>>;
  sets: readonly string[];
}

export const entityKinds = ['incident', 'task', 'alert', 'unit', 'log', 'request'] as const;
export type EntityKind = (typeof entityKinds)[number];

export const kindRules: Readonly<Record<EntityKind, KindRules>> = {
  incident: { fields: { phase: { merge: 'terminal', terminal: ['closed'] } }, sets: ['departments'] },
  task: { fields: { status: { merge: 'terminal', terminal: ['done', 'cancelled'] } }, sets: [] },
  alert: {
    fields: {
      status: { merge: 'rank', ranks: { raised: 0, acknowledged: 1, resolved: 2, dismissed: 2 } },
      escalation: { merge: 'max' },
      occurrences: { merge: 'max' },
    },
    sets: [],
  },
  unit: { fields: {}, sets: [] },
  log: { fields: {}, sets: [] },
  request: { fields: { status: { merge: 'rank', ranks: { requested: 0, approved: 1, denied: 1 } } }, sets: [] },
};

export function isEntityKind(kind: string): kind is EntityKind {
  return (entityKinds as readonly string[]).includes(kind);
}
