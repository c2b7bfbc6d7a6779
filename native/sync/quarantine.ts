import type { Database } from 'better-sqlite3';
import type { QuarantinedEvent } from '../api/sync.ts';

/** Events refused on receipt, kept with the reason and never applied. */
export function createQuarantine(db: Database, now: () => number) {
  const s = {
    put: db.prepare<{ id: string; hash: string; origin: string; seq: number | null; reason: string; raw: string; at: number }>(
      `INSERT INTO sync_quarantine (event_id, hash, origin, seq, reason, raw, received_at) VALUES (@id, @hash, @origin, @seq, @reason, @raw, @at)
       ON CONFLICT (event_id, hash) DO UPDATE SET receipts = receipts + 1`,
    ),
    has: db.prepare<[string, string], number>('SELECT 1 FROM sync_quarantine WHERE event_id = ? AND hash = ?').pluck(),
    count: db.prepare<[], number>('SELECT count(*) FROM sync_quarantine').pluck(),
    list: db.prepare<[number], { event_id: string; origin: string; seq: number | null; reason: string; received_at: number; receipts: number; raw: string }>(
      'SELECT event_id, origin, seq, reason, received_at, receipts, raw FROM sync_quarantine ORDER BY received_at DESC, event_id LIMIT ?',
    ),
    settled: db.prepare<[number], { origin: string; seq: number }>('SELECT origin, seq FROM sync_quarantine WHERE seq IS NOT NULL AND receipts >= ?'),
  };
  return {
    /** Records a refused event (again: counts another receipt). */
    put(raw: unknown, reason: string) {
      const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
      s.put.run({
        id: typeof r.id === 'string' ? r.id : '?',
        hash: typeof r.hash === 'string' ? r.hash : '?',
        origin: typeof r.origin === 'string' ? r.origin : '?',
        seq: typeof r.seq === 'number' && Number.isInteger(r.seq) ? r.seq : null,
        reason,
        raw: JSON.stringify(raw ?? null),
        at: now(),
      });
    },
    has: (id: string, hash: string) => s.has.get(id, hash) === 1,
    count: (): number => s.count.get() ?? 0,
    list(limit = 200): QuarantinedEvent[] {
      return s.list.all(limit).map((r) => {
        const raw = JSON.parse(r.raw) as { actor?: unknown; type?: unknown };
        return {
          eventId: r.event_id, origin: r.origin, seq: r.seq, reason: r.reason, receivedAt: r.received_at, receipts: r.receipts,
          actor: typeof raw.actor === 'string' ? raw.actor : null, type: typeof raw.type === 'string' ? raw.type : null,
        };
      });
    },
    /** Sequence numbers refused often enough that asking peers for them again is pointless. */
    settled: (receipts: number) => s.settled.all(receipts),
  };
}

export type Quarantine = ReturnType<typeof createQuarantine>;
