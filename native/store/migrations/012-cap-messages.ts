import type { Migration } from '../migrate.ts';

/**
 * CAP 1.2 messages: every one Polder sent or took into its alert queue (so an Update or Cancel
 * can name the earlier ones in `references`), every document refused on import, kept as
 * received with the reasons, and an inbox where a message from a feed (MQTT) is written before
 * the broker is acknowledged and stays until it has been taken in or refused (nothing received is
 * lost).
 */
export const capMessages: Migration = {
  version: 12,
  name: 'cap-messages',
  up(db) {
    db.exec(`
      CREATE TABLE cap_messages (
        sender TEXT NOT NULL,
        identifier TEXT NOT NULL,
        sent TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
        msg_type TEXT NOT NULL CHECK (msg_type IN ('Alert', 'Update', 'Cancel', 'Ack', 'Error')),
        status TEXT NOT NULL CHECK (status IN ('Actual', 'Exercise', 'System', 'Test', 'Draft')),
        alert_id TEXT,
        origin TEXT NOT NULL,
        document TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (sender, identifier)
      ) STRICT;
      CREATE INDEX cap_messages_by_alert ON cap_messages (alert_id, at);
      CREATE TABLE cap_rejected (
        id INTEGER PRIMARY KEY,
        received_at INTEGER NOT NULL,
        origin TEXT NOT NULL,
        reasons TEXT NOT NULL CHECK (json_valid(reasons) AND json_type(reasons) = 'array'),
        document BLOB NOT NULL
      ) STRICT;
      CREATE INDEX cap_rejected_by_time ON cap_rejected (received_at);
      CREATE TABLE cap_inbox (
        id INTEGER PRIMARY KEY,
        received_at INTEGER NOT NULL,
        origin TEXT NOT NULL,
        document BLOB NOT NULL
      ) STRICT;
    `);
  },
};
