import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { migrations } from './index.ts';

describe('migration 012 cap-messages', () => {
  it('adds the CAP message record and the refused documents to a database that already has events and runs', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 7);
    expect(migrate(db, migrations, 12)).toBe(12);
    db.prepare("INSERT INTO cap_messages (sender, identifier, sent, direction, msg_type, status, alert_id, origin, document, at) VALUES ('dev@polder', 'a-1', '2007-06-08T12:00:00-00:00', 'out', 'Alert', 'Exercise', 'a', 'export', '<alert/>', 5)").run();
    db.prepare("INSERT INTO cap_rejected (received_at, origin, reasons, document) VALUES (6, 'file: x.xml', '[\"not closed\"]', ?)").run(Buffer.from([0xff, 0xfe, 0x3c]));
    expect(db.prepare('SELECT document FROM cap_rejected').pluck().get()).toEqual(Buffer.from([0xff, 0xfe, 0x3c]));
    db.prepare("INSERT INTO cap_inbox (received_at, origin, document) VALUES (7, 'mqtt: cap/in', ?)").run(Buffer.from('<alert/>'));
    expect(db.prepare('SELECT origin FROM cap_inbox').pluck().all()).toEqual(['mqtt: cap/in']);
  });

  it('refuses a second message with the same sender and identifier, an unknown type, and reasons that are not a list', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 12);
    const put = db.prepare("INSERT INTO cap_messages (sender, identifier, sent, direction, msg_type, status, alert_id, origin, document, at) VALUES ('s', ?, 't', 'in', ?, 'Actual', NULL, 'o', 'x', 1)");
    put.run('m1', 'Alert');
    expect(() => put.run('m1', 'Update')).toThrow(/UNIQUE/);
    expect(() => put.run('m2', 'Shout')).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO cap_rejected (received_at, origin, reasons, document) VALUES (1, 'o', '{\"a\":1}', x'00')").run()).toThrow(/CHECK/);
  });
});
