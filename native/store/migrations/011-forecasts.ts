import type { Migration } from '../migrate.ts';

/**
 * Forecasts as records: who or what asked for each, with which inputs, from which start state,
 * how it ended, what it predicted per asset and which alerts it raised or updated; what-if runs
 * are forecasts with edits and a name, compared with the forecast they branch from. And the
 * tasks Polder recommends from them: drafts until a person approves, edits or rejects them.
 */
export const forecasts: Migration = {
  version: 11,
  name: 'forecasts',
  up(db) {
    db.exec(`
      CREATE TABLE forecasts (
        id TEXT PRIMARY KEY,
        scenario TEXT NOT NULL,
        requested_by TEXT NOT NULL,
        requested_at INTEGER NOT NULL,
        trigger TEXT NOT NULL CHECK (trigger IN ('request', 'reading', 'what-if', 'cli')),
        inputs TEXT NOT NULL CHECK (json_valid(inputs)),
        name TEXT,
        base_id TEXT REFERENCES forecasts (id),
        state TEXT NOT NULL CHECK (state IN ('running', 'completed', 'cancelled', 'failed', 'interrupted')),
        started_from TEXT CHECK (started_from IS NULL OR started_from IN ('live', 'last-run', 'scenario-start')),
        start_seconds REAL,
        end_seconds REAL,
        ended_at INTEGER,
        error TEXT,
        wall_seconds REAL,
        impacts TEXT CHECK (impacts IS NULL OR json_valid(impacts)),
        alerts TEXT CHECK (alerts IS NULL OR json_valid(alerts))
      ) STRICT;
      CREATE INDEX forecasts_by_time ON forecasts (requested_at);
      CREATE TABLE recommendations (
        id TEXT PRIMARY KEY,
        forecast_id TEXT NOT NULL REFERENCES forecasts (id),
        kind TEXT NOT NULL CHECK (kind IN ('closure', 'protection', 'pump', 'barrier')),
        target TEXT NOT NULL,
        department TEXT NOT NULL,
        title TEXT NOT NULL,
        description TEXT NOT NULL,
        priority TEXT NOT NULL,
        edit TEXT CHECK (edit IS NULL OR json_valid(edit)),
        status TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'rejected', 'superseded')),
        created_at INTEGER NOT NULL,
        decided_by TEXT,
        decided_at INTEGER,
        reason TEXT,
        task_id TEXT
      ) STRICT;
      CREATE INDEX recommendations_open ON recommendations (status, target);
    `);
  },
};
