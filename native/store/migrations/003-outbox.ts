import type { Migration } from '../migrate.ts';

/** The durable queue the sync link drains: one row per locally created event. */
export const outbox: Migration = {
  version: 3,
  name: 'outbox',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        event_id TEXT PRIMARY KEY REFERENCES events (id),
        enqueued_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        sent_at INTEGER
      ) STRICT;
      CREATE INDEX outbox_pending ON outbox (sent_at, enqueued_at);
    `);
  },
};
