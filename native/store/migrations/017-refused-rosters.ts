import type { Migration } from '../migrate.ts';

/**
 * Rosters a node was offered (through the broker) and refused: not signed, altered, signed by
 * another admin key, for another organisation or not newer than the one held. Kept as received
 * with the reason, for an administrator to see who published what; `digest` keeps a copy the
 * broker delivers again on every reconnect to one row.
 */
export const refusedRosters: Migration = {
  version: 17,
  name: 'refused-rosters',
  up(db) {
    db.exec(`
      CREATE TABLE refused_rosters (
        pos INTEGER PRIMARY KEY,
        digest TEXT NOT NULL UNIQUE,
        org TEXT,
        version INTEGER,
        source TEXT NOT NULL,
        problem TEXT NOT NULL,
        roster TEXT NOT NULL CHECK (json_valid(roster)),
        received_at INTEGER NOT NULL,
        receipts INTEGER NOT NULL DEFAULT 1 CHECK (receipts >= 1)
      ) STRICT;
    `);
  },
};
