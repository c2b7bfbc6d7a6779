import type { Migration } from '../migrate.ts';

/**
 * Events from other devices that failed their checks (signature, device, role, sequence, clock):
 * kept as they arrived with the reason, never applied, for an EOC lead to review. `digest` (of the
 * event text) keeps a copy resent by every peer to one row.
 */
export const quarantine: Migration = {
  version: 9,
  name: 'quarantine',
  up(db) {
    db.exec(`
      CREATE TABLE quarantine (
        pos INTEGER PRIMARY KEY,
        digest TEXT NOT NULL UNIQUE,
        event_id TEXT,
        origin TEXT,
        seq INTEGER,
        actor TEXT,
        type TEXT,
        reason TEXT NOT NULL CHECK (reason IN ('malformed', 'unsigned', 'bad_signature', 'unknown_device', 'revoked_device', 'out_of_role', 'equivocation', 'clock_drift', 'broken_chain')),
        detail TEXT NOT NULL,
        event TEXT NOT NULL CHECK (json_valid(event)),
        received_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX quarantine_by_origin ON quarantine (origin, seq);
    `);
  },
};
