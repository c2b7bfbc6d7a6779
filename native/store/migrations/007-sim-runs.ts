import type { Migration } from '../migrate.ts';

/**
 * Simulation runs as records: who started each with what, its what-if edits (who, when), how and
 * when it ended and its end summary. Its grids live on disk beside the database (runs/<id>/).
 */
export const simRuns: Migration = {
  version: 7,
  name: 'sim-runs',
  up(db) {
    db.exec(`
      CREATE TABLE sim_runs (
        id TEXT PRIMARY KEY,
        scenario TEXT NOT NULL,
        started_by TEXT NOT NULL,
        stopped_by TEXT,
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        state TEXT NOT NULL CHECK (state IN ('running', 'completed', 'stopped', 'failed', 'interrupted')),
        args TEXT NOT NULL CHECK (json_valid(args)),
        finished TEXT CHECK (finished IS NULL OR json_valid(finished))
      ) STRICT;
      CREATE INDEX sim_runs_by_start ON sim_runs (started_at);
      CREATE TABLE sim_run_edits (
        run_id TEXT NOT NULL REFERENCES sim_runs (id),
        seq INTEGER NOT NULL,
        edit TEXT NOT NULL CHECK (json_valid(edit)),
        by TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (run_id, seq)
      ) STRICT;
    `);
  },
};
