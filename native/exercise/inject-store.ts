import type { Database } from 'better-sqlite3';
import { Inject, injectEvents, type InjectNote } from '../api/exercise.ts';

/**
 * Injects as the operations log holds them: the `inject` entities' folded state plus the
 * evaluator notes (inject.noted events' text). The log is the only record of an exercise.
 */
export function createInjectStore(db: Database) {
  const all = db.prepare<[], { id: string; state: string }>("SELECT id, state FROM entities WHERE kind = 'inject' AND created = 1");
  const one = db.prepare<[string], { id: string; state: string }>("SELECT id, state FROM entities WHERE id = ? AND kind = 'inject' AND created = 1");
  const notes = db.prepare<[], { entity: string; at: number; actor: string; text: string }>(`SELECT entity, at, actor, text FROM timeline WHERE type = '${injectEvents.noted}' ORDER BY hlc`);
  const notesOf = db.prepare<[string], { entity: string; at: number; actor: string; text: string }>(`SELECT entity, at, actor, text FROM timeline WHERE type = '${injectEvents.noted}' AND entity = ? ORDER BY hlc`);

  const toInject = (row: { id: string; state: string }, noted: InjectNote[]): Inject => Inject.parse({ ...JSON.parse(row.state), id: row.id, notes: noted });
  const note = (n: { at: number; actor: string; text: string }): InjectNote => ({ at: n.at, by: n.actor, text: n.text });

  return {
    count: () => all.all().length,
    list(): Inject[] {
      const byInject = new Map<string, InjectNote[]>();
      for (const n of notes.all()) byInject.set(n.entity, [...(byInject.get(n.entity) ?? []), note(n)]);
      return all
        .all()
        .map((row) => toInject(row, byInject.get(row.id) ?? []))
        .sort((a, b) => a.at - b.at || a.plannedAt - b.plannedAt || a.number.localeCompare(b.number, undefined, { numeric: true }));
    },
    get(id: string): Inject | null {
      const row = one.get(id);
      return row ? toInject(row, notesOf.all(id).map(note)) : null;
    },
  };
}

export type InjectStore = ReturnType<typeof createInjectStore>;
