import { createHash } from 'node:crypto';
import type { Migration } from '../migrate.ts';

interface SyncRow {
  event_id: string;
  origin: string;
  seq: number | null;
  reason: string;
  raw: string;
  received_at: number;
  receipts: number;
}

/** The quarantine's dedup key, as native/identity/quarantine.ts computes it. */
const digestOf = (reason: string, event: string) => createHash('sha256').update(reason).update('\n').update(event).digest('hex');

/**
 * One quarantine: the sync link's own table (008) is folded into the trust check's (009), which
 * gains how many times each refused event arrived (gap repair stops asking for one refused often).
 * A refused event the sync link kept was either malformed (it never reached the trust check, so it
 * is moved) or is already in the trust check's table under its reason code (its receipts are
 * carried over). Anything else was refused by the link's optional check hook, which judged who
 * may act: it moves as out_of_role, its words kept as the detail.
 */
export const oneQuarantine: Migration = {
  version: 13,
  name: 'one-quarantine',
  up(db) {
    db.exec('ALTER TABLE quarantine ADD COLUMN receipts INTEGER NOT NULL DEFAULT 1 CHECK (receipts >= 1)');
    const insert = db.prepare<[string, string | null, string | null, number | null, string | null, string | null, string, string, string, number, number]>(
      'INSERT OR IGNORE INTO quarantine (digest, event_id, origin, seq, actor, type, reason, detail, event, received_at, receipts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const twin = db.prepare<[number, string]>('UPDATE quarantine SET receipts = max(receipts, ?) WHERE event_id = ?');
    for (const r of db.prepare<[], SyncRow>('SELECT event_id, origin, seq, reason, raw, received_at, receipts FROM sync_quarantine ORDER BY received_at, event_id').all()) {
      const malformed = r.reason.startsWith('malformed event');
      if (!malformed && twin.run(r.receipts, r.event_id).changes > 0) continue;
      const code = malformed ? 'malformed' : 'out_of_role';
      const raw = JSON.parse(r.raw) as Record<string, unknown> | null;
      const text = (key: string) => (raw !== null && typeof raw === 'object' && typeof raw[key] === 'string' ? (raw[key] as string) : null);
      insert.run(digestOf(code, r.raw), r.event_id === '?' ? null : r.event_id, r.origin === '?' ? null : r.origin, r.seq, text('actor'), text('type'), code, r.reason, r.raw, r.received_at, r.receipts);
    }
    db.exec('DROP TABLE sync_quarantine');
  },
};
