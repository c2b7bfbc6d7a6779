import type { Migration } from '../migrate.ts';

/**
 * Read models folded from the log; `polder db rebuild` drops and refills them.
 * entities: one row per incident/task/alert/unit/log entry/resource request, `state` as canonical JSON;
 * conflicts: concurrent values that last-writer-wins overrode; timeline: one row per event (ICS 214).
 */
export const projections: Migration = {
  version: 2,
  name: 'projections',
  up(db) {
    db.exec(`
      CREATE TABLE entities (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        created INTEGER NOT NULL,
        version TEXT NOT NULL,
        state TEXT NOT NULL,
        meta TEXT NOT NULL
      ) STRICT;
      CREATE INDEX entities_kind ON entities (kind, created);
      CREATE TABLE conflicts (
        entity TEXT NOT NULL,
        field TEXT NOT NULL,
        lost_event TEXT NOT NULL,
        kept_event TEXT NOT NULL,
        lost_value TEXT NOT NULL,
        kept_value TEXT NOT NULL,
        hlc TEXT NOT NULL,
        PRIMARY KEY (entity, field, lost_event)
      ) STRICT;
      CREATE TABLE timeline (
        event_id TEXT PRIMARY KEY,
        hlc TEXT NOT NULL,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        department TEXT,
        type TEXT NOT NULL,
        kind TEXT NOT NULL,
        entity TEXT NOT NULL,
        summary TEXT NOT NULL,
        text TEXT
      ) STRICT;
      CREATE INDEX timeline_hlc ON timeline (hlc);
      CREATE INDEX timeline_entity ON timeline (entity, hlc);
    `);
  },
};
