import type { Database } from 'better-sqlite3';
import { fromRow, type EventRow, type OpsEvent } from './event.ts';

/**
 * The durable send queue the sync link drains: every local event has a row, written in the same
 * transaction as the event. Sending is at-least-once; receivers dedupe by event id.
 */
export function createOutbox(db: Database, now: () => number) {
  const s = {
    pending: db.prepare<[number], EventRow>(
      'SELECT e.* FROM outbox o JOIN events e ON e.id = o.event_id WHERE o.sent_at IS NULL ORDER BY e.seq LIMIT ?',
    ),
    sent: db.prepare<[number, string]>('UPDATE outbox SET sent_at = ? WHERE event_id = ? AND sent_at IS NULL'),
    attempt: db.prepare<[string]>('UPDATE outbox SET attempts = attempts + 1 WHERE event_id = ?'),
    count: db.prepare<[], number>('SELECT count(*) FROM outbox WHERE sent_at IS NULL').pluck(),
  };
  return {
    /** The oldest unsent events, in sequence order. */
    pending: (limit = 500): OpsEvent[] => s.pending.all(limit).map(fromRow),
    /** Records an attempt to send (for back-off and diagnostics). */
    attempted: (ids: readonly string[]) => db.transaction(() => ids.forEach((id) => s.attempt.run(id)))(),
    /** Marks events as delivered (acknowledged by the broker or a peer). */
    markSent: (ids: readonly string[]) => {
      const at = now();
      return db.transaction(() => ids.reduce((n, id) => n + s.sent.run(at, id).changes, 0))();
    },
    pendingCount: (): number => s.count.get() ?? 0,
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
