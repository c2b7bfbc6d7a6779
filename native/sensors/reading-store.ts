import type { Database } from 'better-sqlite3';
import type { IngestCounts, QuarantinedReading, Reading, Retention, SeriesPoint } from '../api/sensors.ts';
import { bitsToFlags, reconstructedBit } from './quality.ts';

export interface AcceptedRow {
  sensorId: string;
  time: number;
  value: number;
  resultTime: number | null;
  receivedAt: number;
  flags: number;
  raw: Buffer;
}

export interface QuarantinedRow {
  receivedAt: number;
  topic: string;
  sensorId: string | null;
  reason: string;
  raw: Buffer;
}

export const minuteMs = 60_000;
export const hourMs = 3_600_000;
const widths = [minuteMs, hourMs] as const;
const defaultRetention: Retention = { rawDays: 30, summaryDays: 730 };
/** SQLite's synchronous=NORMAL. */
const normalSync = 1;
/** Counts of payloads that named no datastream are kept under this id. */
export const unattributed = '';

interface ReadingRow {
  sensor_id: string;
  time: number;
  value: number;
  received_at: number;
  flags: number;
}

export function toReading(r: ReadingRow): Reading {
  return { sensorId: r.sensor_id, time: r.time, value: r.value, flags: bitsToFlags(r.flags), reconstructed: (r.flags & reconstructedBit) !== 0, receivedAt: r.received_at };
}

/**
 * Readings, summaries, quarantine and counts in SQLite. `write` stores a whole batch in ONE
 * transaction: the readings, the rejects and the counts, so counts and rows always agree. The
 * per-minute and per-hour summaries are aggregated in memory and merged by `writeSummaries`.
 */
export function createReadingStore(db: Database) {
  const s = {
    reading: db.prepare('INSERT INTO sensor_readings VALUES (?, ?, ?, ?, ?, ?, ?)'),
    summary: db.prepare(`INSERT INTO sensor_summaries VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO UPDATE SET min = min(min, excluded.min), max = max(max, excluded.max), sum = sum + excluded.sum, count = count + excluded.count, flagged = flagged + excluded.flagged`),
    quarantine: db.prepare('INSERT INTO sensor_quarantine (received_at, topic, sensor_id, reason, payload) VALUES (?, ?, ?, ?, ?)'),
    counts: db.prepare(`INSERT INTO sensor_counts VALUES (?, ?, ?, ?, ?)
      ON CONFLICT DO UPDATE SET received = received + excluded.received, accepted = accepted + excluded.accepted, quarantined = quarantined + excluded.quarantined, last_seen = max(coalesce(last_seen, 0), excluded.last_seen)`),
    allCounts: db.prepare<[], { sensor_id: string; received: number; accepted: number; quarantined: number; last_seen: number | null }>('SELECT * FROM sensor_counts'),
    latest: db.prepare<[], ReadingRow>('SELECT sensor_id, max(time) AS time, value, received_at, flags FROM sensor_readings GROUP BY sensor_id'),
    recent: db.prepare<[string, number], ReadingRow>('SELECT sensor_id, time, value, received_at, flags FROM sensor_readings WHERE sensor_id = ? ORDER BY time DESC LIMIT ?'),
    rawCount: db.prepare<[string, number, number], number>('SELECT count(*) FROM sensor_readings WHERE sensor_id = ? AND time BETWEEN ? AND ?').pluck(),
    raw: db.prepare<[string, number, number], ReadingRow>('SELECT sensor_id, time, value, received_at, flags FROM sensor_readings WHERE sensor_id = ? AND time BETWEEN ? AND ? ORDER BY time'),
    summaries: db.prepare<[string, number, number, number], { bucket: number; min: number; max: number; sum: number; count: number; flagged: number }>(
      'SELECT bucket, min, max, sum, count, flagged FROM sensor_summaries WHERE sensor_id = ? AND width_ms = ? AND bucket BETWEEN ? AND ? ORDER BY bucket',
    ),
    quarantined: db.prepare<[string | null, string | null, number, number], { id: number; received_at: number; topic: string; sensor_id: string | null; reason: string; payload: Buffer }>(
      'SELECT * FROM sensor_quarantine WHERE (? IS NULL OR sensor_id = ?) AND id < ? ORDER BY id DESC LIMIT ?',
    ),
    setting: db.prepare<[string], string>('SELECT value FROM sensor_settings WHERE key = ?').pluck(),
    putSetting: db.prepare('INSERT INTO sensor_settings VALUES (?, ?) ON CONFLICT DO UPDATE SET value = excluded.value'),
    pruneRaw: db.prepare('DELETE FROM sensor_readings WHERE time < ?'),
    clearBit: db.prepare('UPDATE sensor_readings SET flags = flags & ~? WHERE sensor_id = ? AND time = ?'),
    pruneSummaries: db.prepare('DELETE FROM sensor_summaries WHERE bucket < ?'),
    setFlags: db.prepare('UPDATE sensor_readings SET flags = ? WHERE sensor_id = ? AND time = ?'),
    earliestAfter: db.prepare<[number], { sensor_id: string; time: number }>('SELECT sensor_id, min(time) AS time FROM sensor_readings WHERE received_at > ? GROUP BY sensor_id'),
    dropReadingsAfter: db.prepare('DELETE FROM sensor_readings WHERE received_at > ?'),
    dropQuarantineAfter: db.prepare('DELETE FROM sensor_quarantine WHERE received_at > ?'),
    dropSummariesFrom: db.prepare('DELETE FROM sensor_summaries WHERE sensor_id = ? AND width_ms = ? AND bucket >= ?'),
    sumSummariesFrom: db.prepare(`INSERT INTO sensor_summaries
      SELECT sensor_id, @width, time - time % @width AS bucket, min(value), max(value), sum(value), count(*), sum((flags & ~@reconstructed) != 0)
      FROM sensor_readings WHERE sensor_id = @sensor AND time >= @from GROUP BY bucket`),
    putCount: db.prepare('INSERT INTO sensor_counts VALUES (?, ?, ?, ?, ?)'),
  };

  /** Summaries of readings already stored, not yet merged into sensor_summaries (see writeSummaries). */
  const pending = new Map<string, [string, number, number, number, number, number, number, number]>();
  /** Flags taken off stored readings, applied with the next batch: [bit, sensor, time]. */
  let clears: [number, string, number][] = [];

  const write = db.transaction((accepted: readonly AcceptedRow[], quarantined: readonly QuarantinedRow[]) => {
    const counts = new Map<string, [number, number, number]>();
    const count = (sensorId: string, ok: boolean, at: number) => {
      const c = counts.get(sensorId) ?? [0, 0, 0];
      c[ok ? 0 : 1]++;
      c[2] = Math.max(c[2], at);
      counts.set(sensorId, c);
    };
    for (const r of accepted) {
      s.reading.run(r.sensorId, r.time, r.value, r.resultTime, r.receivedAt, r.flags, r.raw);
      count(r.sensorId, true, r.receivedAt);
    }
    for (const q of quarantined) {
      s.quarantine.run(q.receivedAt, q.topic, q.sensorId, q.reason, q.raw);
      count(q.sensorId ?? unattributed, false, q.receivedAt);
    }
    for (const [id, [ok, bad, at]] of counts) s.counts.run(id, ok + bad, ok, bad, at);
    for (const clear of clears) s.clearBit.run(...clear);
    clears = [];
  });

  function summarise(accepted: readonly AcceptedRow[]) {
    for (const r of accepted) addToSummaries(r.sensorId, r.time, r.value, 1, (r.flags & ~reconstructedBit) !== 0 ? 1 : 0);
  }

  /** Adds `count` readings of `value` (and `flagged` flagged ones, -1 to take one off) to the sensor's minute and hour buckets. */
  function addToSummaries(sensorId: string, time: number, value: number, count: number, flagged: number) {
    for (const width of widths) {
      const bucket = time - (time % width);
      const key = `${sensorId}\u0000${width}\u0000${bucket}`;
      const b = pending.get(key);
      if (b) {
        b[3] = Math.min(b[3], value);
        b[4] = Math.max(b[4], value);
        b[5] += value * count;
        b[6] += count;
        b[7] += flagged;
      } else pending.set(key, [sensorId, width, bucket, value, value, value * count, count, flagged]);
    }
  }

  const writeSummaries = db.transaction(() => {
    for (const b of pending.values()) s.summary.run(...b);
    pending.clear();
  });

  function retention(): Retention {
    const stored = s.setting.get('retention');
    return stored ? (JSON.parse(stored) as Retention) : defaultRetention;
  }

  return {
    /**
     * Stores a batch of readings and rejects, and their counts, in one transaction. Its commit does
     * not wait for the disk (synchronous=NORMAL for this transaction only): readings are not
     * operations events, the broker was acknowledged on receipt anyway, and WAL keeps the file
     * consistent; the next FULL commit of an ops event syncs them along with it.
     */
    write(accepted: readonly AcceptedRow[], quarantined: readonly QuarantinedRow[]): void {
      const previous = db.inTransaction ? normalSync : Number(db.pragma('synchronous', { simple: true }));
      const relax = previous > normalSync;
      if (relax) db.pragma(`synchronous = ${normalSync}`);
      try {
        write(accepted, quarantined);
      } finally {
        if (relax) db.pragma(`synchronous = ${previous}`);
      }
      summarise(accepted);
    },
    /** Takes a flag bit off a stored reading (with the next batch); `clean`: it has no flag left, so its summaries count one flagged reading less. */
    clearFlag(sensorId: string, time: number, value: number, bit: number, clean: boolean): void {
      clears.push([bit, sensorId, time]);
      if (clean) addToSummaries(sensorId, time, value, 0, -1);
    },
    /**
     * Merges the stored readings' per-minute and per-hour summaries into the table. Kept apart
     * from `write`: a batch touches every sensor's summary rows, so merging them every few
     * seconds instead of every batch halves what each commit writes.
     */
    writeSummaries(): void {
      if (pending.size > 0) writeSummaries();
    },
    counts(): Map<string, IngestCounts & { lastSeen: number | null }> {
      return new Map(s.allCounts.all().map((r) => [r.sensor_id, { received: r.received, accepted: r.accepted, quarantined: r.quarantined, lastSeen: r.last_seen }]));
    },
    latest: (): Reading[] => s.latest.all().map(toReading),
    /** The newest `n` readings of a sensor, oldest first (to restart its quality window). */
    recent: (sensorId: string, n: number): Reading[] => s.recent.all(sensorId, n).map(toReading).reverse(),
    series(sensorId: string, from: number, to: number, maxPoints: number): { resolution: 'raw' | 'minute' | 'hour'; points: SeriesPoint[] } {
      if (pending.size > 0) writeSummaries();
      if ((s.rawCount.get(sensorId, from, to) ?? 0) <= maxPoints) {
        const points = s.raw.all(sensorId, from, to).map((r) => ({ time: r.time, value: r.value, min: r.value, max: r.value, count: 1, flagged: (r.flags & ~reconstructedBit) !== 0 ? 1 : 0 }));
        return { resolution: 'raw', points };
      }
      const width = (to - from) / minuteMs <= maxPoints ? minuteMs : hourMs;
      const points = s.summaries
        .all(sensorId, width, from - (from % width), to)
        .map((b) => ({ time: b.bucket, value: b.sum / b.count, min: b.min, max: b.max, count: b.count, flagged: b.flagged }));
      return { resolution: width === minuteMs ? 'minute' : 'hour', points };
    },
    quarantine(sensorId: string | null, beforeId: number, limit: number): QuarantinedReading[] {
      return s.quarantined.all(sensorId, sensorId, beforeId, limit).map((r) => {
        const text = r.payload.toString('utf8');
        return { id: r.id, receivedAt: r.received_at, topic: r.topic, sensorId: r.sensor_id, reason: r.reason, payload: text.length > 2000 ? `${text.slice(0, 2000)}…` : text, bytes: r.payload.length };
      });
    },
    retention,
    setRetention(next: Retention): Retention {
      s.putSetting.run('retention', JSON.stringify(next));
      return next;
    },
    /** Deletes every reading, summary, reject and count (a replay going back in time). */
    clear(): void {
      pending.clear();
      clears = [];
      db.exec('DELETE FROM sensor_readings; DELETE FROM sensor_summaries; DELETE FROM sensor_quarantine; DELETE FROM sensor_counts;');
    },
    /**
     * Takes the store back to what it held when everything received up to `at` was stored (a
     * replay seeking back to a checkpoint): later readings and rejects deleted, `flags` put back on
     * the readings a later one changed, the counts set to `counts`, and the summaries of every
     * bucket a deleted or changed reading lay in summed again from the readings left.
     */
    rewind(at: number, flags: readonly { sensorId: string; time: number; flags: number }[], counts: ReadonlyMap<string, IngestCounts & { lastSeen: number | null }>): void {
      if (pending.size > 0) writeSummaries();
      clears = [];
      db.transaction(() => {
        const from = new Map(s.earliestAfter.all(at).map((r) => [r.sensor_id, r.time]));
        for (const f of flags) from.set(f.sensorId, Math.min(from.get(f.sensorId) ?? Infinity, f.time));
        s.dropReadingsAfter.run(at);
        s.dropQuarantineAfter.run(at);
        for (const f of flags) s.setFlags.run(f.flags, f.sensorId, f.time);
        for (const [sensor, time] of from) {
          for (const width of widths) {
            const bucket = time - (time % width);
            s.dropSummariesFrom.run(sensor, width, bucket);
            s.sumSummariesFrom.run({ sensor, width, from: bucket, reconstructed: reconstructedBit });
          }
        }
        db.exec('DELETE FROM sensor_counts');
        for (const [id, c] of counts) s.putCount.run(id, c.received, c.accepted, c.quarantined, c.lastSeen);
      })();
    },
    /** Deletes raw readings and summaries older than the retention allows; counts and quarantine stay. */
    prune(now: number): { readings: number; summaries: number } {
      if (pending.size > 0) writeSummaries();
      const r = retention();
      return db.transaction(() => ({
        readings: s.pruneRaw.run(now - r.rawDays * 86_400_000).changes,
        summaries: s.pruneSummaries.run(now - r.summaryDays * 86_400_000).changes,
      }))();
    },
  };
}

export type ReadingStore = ReturnType<typeof createReadingStore>;
