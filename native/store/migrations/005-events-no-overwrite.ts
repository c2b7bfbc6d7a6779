import type { Migration } from '../migrate.ts';

/**
 * Closes the way around the append-only triggers: `INSERT OR REPLACE` (and `REPLACE`, and an
 * UPSERT's DO NOTHING) deletes the conflicting row without firing the DELETE trigger. A BEFORE
 * INSERT trigger runs before conflict resolution, so refusing any insert whose position, id or
 * (origin, seq) is already taken refuses every one of those forms.
 */
export const eventsNoOverwrite: Migration = {
  version: 5,
  name: 'events-no-overwrite',
  up(db) {
    db.exec(`
      CREATE TRIGGER events_refuse_overwrite BEFORE INSERT ON events
        WHEN EXISTS (SELECT 1 FROM events WHERE pos = NEW.pos OR id = NEW.id OR (origin = NEW.origin AND seq = NEW.seq))
        BEGIN SELECT RAISE(ABORT, 'events are append-only: an event with this id or (origin, seq) already exists'); END;
    `);
  },
};
