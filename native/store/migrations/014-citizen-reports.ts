import type { Migration } from '../migrate.ts';

/**
 * Citizen and field reports (native/reports): every accepted report with its raw payload and the
 * group it joined, the groups (one item per place and time, with its alert in the queue), and
 * every refused payload with its reason. Like readings, reports are facts about the world, kept
 * beside the operations log; only a person's review of a group is an event.
 */
export const citizenReports: Migration = {
  version: 14,
  name: 'citizen-reports',
  up(db) {
    db.exec(`
      CREATE TABLE report_groups (
        id TEXT PRIMARY KEY,
        alert_id TEXT,
        lon REAL NOT NULL,
        lat REAL NOT NULL,
        count INTEGER NOT NULL CHECK (count >= 1),
        crew INTEGER NOT NULL CHECK (crew BETWEEN 0 AND count),
        reconstructed INTEGER NOT NULL CHECK (reconstructed BETWEEN 0 AND count),
        first_at INTEGER NOT NULL,
        last_at INTEGER NOT NULL CHECK (last_at >= first_at),
        max_depth_m REAL NOT NULL,
        latest_id TEXT NOT NULL
      ) STRICT;
      CREATE INDEX report_groups_by_last ON report_groups (last_at);
      CREATE TABLE reports (
        id TEXT PRIMARY KEY,
        group_id TEXT NOT NULL REFERENCES report_groups (id),
        received_at INTEGER NOT NULL,
        origin TEXT NOT NULL,
        observed_at INTEGER NOT NULL,
        lon REAL NOT NULL,
        lat REAL NOT NULL,
        depth_m REAL NOT NULL CHECK (depth_m >= 0),
        category TEXT CHECK (category IN ('ankle', 'knee', 'waist', 'car-roof')),
        text TEXT NOT NULL,
        photo TEXT,
        contact TEXT NOT NULL,
        reporter_kind TEXT NOT NULL CHECK (reporter_kind IN ('resident', 'crew')),
        reconstructed INTEGER NOT NULL CHECK (reconstructed IN (0, 1)),
        payload BLOB NOT NULL
      ) STRICT;
      CREATE INDEX reports_by_time ON reports (observed_at);
      CREATE INDEX reports_by_group ON reports (group_id, observed_at);
      CREATE TABLE report_quarantine (
        id INTEGER PRIMARY KEY,
        received_at INTEGER NOT NULL,
        origin TEXT NOT NULL,
        reason TEXT NOT NULL,
        payload BLOB NOT NULL
      ) STRICT;
    `);
  },
};
