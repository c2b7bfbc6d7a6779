// Simulation runs as records in the operations store (migration 007): one row per run, one per
// applied what-if edit.
import type { Database } from 'better-sqlite3';
import type { SimEdit, SimFinished, SimRunArgs, SimRunRecord } from '../api/sim.ts';
import type { z } from 'zod';

interface RunRow {
  id: string;
  scenario: string;
  started_by: string;
  stopped_by: string | null;
  started_at: number;
  ended_at: number | null;
  state: SimRunRecord['state'];
  args: string;
  finished: string | null;
}

export type SimRunStore = ReturnType<typeof createRunStore>;

export function createRunStore(db: Database) {
  const insert = db.prepare('INSERT INTO sim_runs (id, scenario, started_by, started_at, state, args) VALUES (?, ?, ?, ?, ?, ?)');
  const addEdit = db.prepare('INSERT INTO sim_run_edits (run_id, seq, edit, by, at) VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM sim_run_edits WHERE run_id = ?), ?, ?, ?)');
  const rename = db.prepare('UPDATE sim_runs SET scenario = ? WHERE id = ?');
  const end = db.prepare("UPDATE sim_runs SET state = ?, stopped_by = ?, ended_at = ?, finished = ? WHERE id = ? AND state = 'running'");
  const interrupt = db.prepare("UPDATE sim_runs SET state = 'interrupted', ended_at = ? WHERE state = 'running'");
  const byId = db.prepare<[string], RunRow>('SELECT * FROM sim_runs WHERE id = ?');
  const newest = db.prepare<[number], RunRow>('SELECT * FROM sim_runs ORDER BY started_at DESC, rowid DESC LIMIT ?');
  const editsOf = db.prepare<[string], { edit: string; by: string; at: number }>('SELECT edit, by, at FROM sim_run_edits WHERE run_id = ? ORDER BY seq');

  const record = (row: RunRow): SimRunRecord => ({
    id: row.id,
    scenario: row.scenario,
    startedBy: row.started_by,
    stoppedBy: row.stopped_by,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    state: row.state,
    args: JSON.parse(row.args) as z.infer<typeof SimRunArgs>,
    edits: editsOf.all(row.id).map((e) => ({ edit: JSON.parse(e.edit) as SimEdit, by: e.by, at: e.at })),
    finished: row.finished === null ? null : (JSON.parse(row.finished) as SimFinished),
  });

  return {
    start(run: { id: string; scenario: string; startedBy: string; startedAt: number; args: z.infer<typeof SimRunArgs> }): void {
      insert.run(run.id, run.scenario, run.startedBy, run.startedAt, 'running', JSON.stringify(run.args));
    },
    /** The scenario's own name, once the engine has loaded it (the record starts with the folder's). */
    nameScenario(runId: string, scenario: string): void {
      rename.run(scenario, runId);
    },
    addEdit(runId: string, edit: SimEdit, by: string, at: number): void {
      addEdit.run(runId, runId, JSON.stringify(edit), by, at);
    },
    /** Ends a running run; a run already ended stays as it ended. */
    end(runId: string, state: Exclude<SimRunRecord['state'], 'running'>, endedAt: number, stoppedBy: string | null, finished: SimFinished | null): void {
      end.run(state, stoppedBy, endedAt, finished === null ? null : JSON.stringify(finished), runId);
    },
    /** Runs a previous host left running cannot go on: they end as interrupted. */
    interruptStale(at: number): number {
      return interrupt.run(at).changes;
    },
    get(id: string): SimRunRecord | null {
      const row = byId.get(id);
      return row ? record(row) : null;
    },
    /** The newest `count` runs, newest first. */
    newest(count: number): SimRunRecord[] {
      return newest.all(count).map(record);
    },
  };
}
