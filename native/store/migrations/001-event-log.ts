import type { Migration } from '../migrate.ts';

/** The append-only operations log. `pos` is local arrival order; (hlc, origin) is the merge order. */
export const eventLog: Migration = {
  version: 1,
  name: 'event-log',
  up(db) {
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
      CREATE TABLE events (
        pos INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        origin TEXT NOT NULL,
        seq INTEGER NOT NULL CHECK (seq >= 1),
        hlc TEXT NOT NULL,
        actor TEXT NOT NULL,
        type TEXT NOT NULL,
        entity TEXT NOT NULL,
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        sig TEXT,
        UNIQUE (origin, seq)
      ) STRICT;
      CREATE INDEX events_entity ON events (entity, hlc);
      CREATE INDEX events_hlc ON events (hlc);
      CREATE TRIGGER events_refuse_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only: UPDATE refused'); END;
      CREATE TRIGGER events_refuse_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only: DELETE refused'); END;
    `);
  },
};
