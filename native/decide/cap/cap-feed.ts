import type Database from 'better-sqlite3';
import type { CapImport } from '../../api/cap.ts';
import type { Clock } from '../../clock/clock.ts';
import type { Logger } from '../../logger.ts';
import type { CallContext } from '../../rpc/handlers.ts';
import type { CapService } from './cap-service.ts';

interface InboxRow {
  id: number;
  origin: string;
  document: Buffer;
}

/**
 * CAP messages arriving from a feed (an MQTT topic). `receive` writes the message to the inbox
 * synchronously, so it is on disk before the broker is acknowledged; the inbox is then taken in,
 * oldest first, one at a time, each row leaving the inbox only once it has been imported or
 * refused (and so kept). Rows left by a crash are taken in by the next `drain`.
 */
export function createCapFeed({ db, cap, ctx, clock, logger, onResult }: { db: Database.Database; cap: CapService; ctx: CallContext; clock: Pick<Clock, 'now'>; logger: Logger; onResult?: (origin: string, result: CapImport) => void }) {
  const put = db.prepare<[number, string, Buffer]>('INSERT INTO cap_inbox (received_at, origin, document) VALUES (?, ?, ?)');
  const next = db.prepare<[], InboxRow>('SELECT id, origin, document FROM cap_inbox ORDER BY id LIMIT 1');
  const taken = db.prepare<[number]>('DELETE FROM cap_inbox WHERE id = ?');
  const waiting = db.prepare<[], number>('SELECT count(*) FROM cap_inbox').pluck();
  let draining: Promise<void> | null = null;

  const drainNow = async () => {
    for (let row = next.get(); row; row = next.get()) {
      const result = await cap.import(row.document, row.origin, ctx);
      taken.run(row.id);
      onResult?.(row.origin, result);
    }
  };

  /** Takes in every message waiting; one drain at a time. A fault stops it with the row kept. */
  const drain = (): Promise<void> => {
    draining ??= drainNow().then(
      () => {
        draining = null;
        // A message received while the last one was being taken in, after the loop looked.
        if ((waiting.get() ?? 0) > 0) void drain();
      },
      (err: unknown) => {
        draining = null;
        logger.error('a CAP message from the feed could not be taken in; it stays in the inbox', err);
      },
    );
    return draining;
  };

  return {
    receive(topic: string, payload: Buffer): void {
      put.run(clock.now(), `mqtt: ${topic}`, payload);
      void drain();
    },
    drain,
    /** Messages received and not yet taken in. */
    waiting: () => waiting.get() ?? 0,
  };
}

export type CapFeed = ReturnType<typeof createCapFeed>;
