import type { Migration } from '../migrate.ts';

/**
 * What the sync link keeps: events it received but refused (with why, never applied), and the
 * peers it has heard from.
 */
export const sync: Migration = {
  version: 8,
  name: 'sync',
  up(db) {
    db.exec(`
      CREATE TABLE sync_quarantine (
        event_id TEXT NOT NULL,
        hash TEXT NOT NULL,
        origin TEXT NOT NULL,
        seq INTEGER,
        reason TEXT NOT NULL,
        raw TEXT NOT NULL CHECK (json_valid(raw)),
        received_at INTEGER NOT NULL,
        receipts INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (event_id, hash)
      ) STRICT;
      CREATE INDEX sync_quarantine_origin ON sync_quarantine (origin, seq);
      CREATE TABLE sync_peers (
        node TEXT PRIMARY KEY,
        online INTEGER NOT NULL CHECK (online IN (0, 1)),
        last_seen INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
