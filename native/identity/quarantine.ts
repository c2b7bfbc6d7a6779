import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { QuarantineReason } from './verify-event.ts';

export interface QuarantinedEvent {
  eventId: string | null;
  origin: string | null;
  seq: number | null;
  actor: string | null;
  type: string | null;
  reason: QuarantineReason;
  detail: string;
  /** The event as it arrived, as JSON text. */
  event: string;
  /** When it first arrived. */
  receivedAt: number;
  /** How many times it arrived (peers resend and replay what a node lacks). */
  receipts: number;
}

interface Row {
  event_id: string | null;
  origin: string | null;
  seq: number | null;
  actor: string | null;
  type: string | null;
  reason: QuarantineReason;
  detail: string;
  event: string;
  received_at: number;
  receipts: number;
}

const field = (raw: unknown, key: string, kind: 'string' | 'number') => {
  const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;
  return typeof value === kind ? (value as string & number) : null;
};

/** Events that failed their checks, kept as they arrived with the reason, never applied. */
export function createQuarantine(db: Database, now: () => number) {
  const s = {
    put: db.prepare<[Omit<Row, 'receipts'> & { digest: string }]>(
      `INSERT INTO quarantine (digest, event_id, origin, seq, actor, type, reason, detail, event, received_at) VALUES (@digest, @event_id, @origin, @seq, @actor, @type, @reason, @detail, @event, @received_at)
       ON CONFLICT (digest) DO UPDATE SET receipts = receipts + 1`,
    ),
    list: db.prepare<[number], Row>('SELECT * FROM quarantine ORDER BY pos DESC LIMIT ?'),
    count: db.prepare<[], number>('SELECT count(*) FROM quarantine').pluck(),
    settled: db.prepare<[number], { origin: string; seq: number }>('SELECT DISTINCT origin, seq FROM quarantine WHERE origin IS NOT NULL AND seq IS NOT NULL AND receipts >= ?'),
  };
  return {
    /** Keeps `raw` with why it was refused; the same event text (and reason) is kept once, counting its receipts. */
    put(raw: unknown, reason: QuarantineReason, detail: string): void {
      const event = JSON.stringify(raw) ?? 'null';
      const digest = createHash('sha256').update(reason).update('\n').update(event).digest('hex');
      s.put.run({
        digest, event, reason, detail, received_at: now(),
        event_id: field(raw, 'id', 'string'), origin: field(raw, 'origin', 'string'), seq: field(raw, 'seq', 'number'), actor: field(raw, 'actor', 'string'), type: field(raw, 'type', 'string'),
      });
    },
    /** The newest first. */
    list(limit: number): QuarantinedEvent[] {
      return s.list.all(limit).map((r) => ({ eventId: r.event_id, origin: r.origin, seq: r.seq, actor: r.actor, type: r.type, reason: r.reason, detail: r.detail, event: r.event, receivedAt: r.received_at, receipts: r.receipts }));
    },
    count: (): number => s.count.get() ?? 0,
    /** Sequence numbers refused at least `receipts` times: asking peers for them again is pointless. */
    settled: (receipts: number) => s.settled.all(receipts),
  };
}

export type Quarantine = ReturnType<typeof createQuarantine>;
