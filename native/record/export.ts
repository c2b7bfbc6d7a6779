import type { Database } from 'better-sqlite3';
import type { EventRow } from '../ops/event.ts';
import { canonicalBytes } from '../identity/canonical.ts';
import type { SigningKey } from '../identity/keys.ts';
import type { Roster } from '../identity/roster.ts';
import { recordedTables, recordingFormat, type OriginSpan, type RecordedEvent, type Recording, type UnsignedRecording } from './format.ts';
import { packHash } from './pack-hash.ts';
import { sliceSensorRows } from './sensor-rows.ts';

export interface ExportOptions {
  db: Database;
  from: number;
  to: number;
  now: number;
  deviceId: string;
  key: SigningKey;
  roster: Roster;
  /** The pack folders the recording needs (by the name a reader resolves them by), given the scenarios its records name. */
  packs(named: string[]): readonly { name: string; dir: string }[];
}

type Row = Recording['forecasts'][number];

/** HLC texts start with the wall time as 15 digits, so a text range is a time range. */
const hlcBound = (ms: number) => String(Math.max(0, Math.floor(ms))).padStart(15, '0');

/**
 * Each origin's events in the window, widened to a contiguous run of its chain (an origin's HLC
 * only grows, so this adds nothing in practice), with the hash the run links back to.
 */
function sliceEvents(db: Database, from: number, to: number): { origins: OriginSpan[]; events: RecordedEvent[] } {
  const ranges = db
    .prepare<[string, string], { origin: string; first: number; last: number }>('SELECT origin, min(seq) AS first, max(seq) AS last FROM events WHERE hlc >= ? AND hlc < ? GROUP BY origin ORDER BY origin')
    .all(hlcBound(from), hlcBound(to));
  const between = db.prepare<[string, number, number], EventRow>('SELECT * FROM events WHERE origin = ? AND seq BETWEEN ? AND ? ORDER BY seq');
  const origins: OriginSpan[] = [];
  const events: RecordedEvent[] = [];
  for (const { origin, first, last } of ranges) {
    const rows = between.all(origin, first, last);
    const held = new Set(rows.map((r) => r.seq));
    const missing: number[] = [];
    for (let seq = first; seq <= last; seq++) if (!held.has(seq)) missing.push(seq);
    origins.push({ origin, firstSeq: first, lastSeq: last, prevHash: rows[0]!.prev_hash, missing });
    for (const r of rows) events.push({ id: r.id, origin: r.origin, seq: r.seq, hlc: r.hlc, actor: r.actor, type: r.type, entity: r.entity, payload: r.payload, prevHash: r.prev_hash, hash: r.hash, sig: r.sig });
  }
  return { origins, events };
}

/** The store's records in the window: forecasts requested in it (with their recommendations) and simulation runs started in it (with their edits). */
function sliceRecords(db: Database, from: number, to: number) {
  const select = (sql: string, ...args: (string | number)[]) => db.prepare<(string | number)[], Row>(sql).all(...args);
  const forecasts = select(`SELECT ${recordedTables.forecasts.columns.join(', ')} FROM forecasts WHERE requested_at >= ? AND requested_at < ? ORDER BY requested_at, id`, from, to);
  const recommendations = select(
    `SELECT ${recordedTables.recommendations.columns.join(', ')} FROM recommendations WHERE forecast_id IN (SELECT id FROM forecasts WHERE requested_at >= ? AND requested_at < ?) ORDER BY created_at, id`,
    from,
    to,
  );
  const simRuns = select(`SELECT ${recordedTables.simRuns.columns.join(', ')} FROM sim_runs WHERE started_at >= ? AND started_at < ? ORDER BY started_at, id`, from, to);
  const simRunEdits = select(
    `SELECT ${recordedTables.simRunEdits.columns.join(', ')} FROM sim_run_edits WHERE run_id IN (SELECT id FROM sim_runs WHERE started_at >= ? AND started_at < ?) ORDER BY run_id, seq`,
    from,
    to,
  );
  return { forecasts, recommendations, simRuns, simRunEdits };
}

/** The recording of the window [from, to), signed by this device. */
export function exportRecording(options: ExportOptions): Recording {
  const { db, from, to } = options;
  if (!(to > from)) throw new Error('the window is empty: --to must be after --from');
  const records = sliceRecords(db, from, to);
  const unsigned: UnsignedRecording = {
    format: recordingFormat,
    window: { from, to },
    exportedAt: options.now,
    exportedBy: options.deviceId,
    roster: options.roster,
    packs: options.packs(scenariosNamed(records)).map((p) => ({ name: p.name, sha256: packHash(p.dir) })),
    ...sliceEvents(db, from, to),
    ...records,
    ...sliceSensorRows(db, from, to),
  };
  return { ...unsigned, signature: options.key.sign(recordingSigningBytes(unsigned)) };
}

export function recordingSigningBytes(recording: UnsignedRecording): Buffer {
  return canonicalBytes(recording);
}

/** The scenarios the records in a recording name (a pack folder name, or a folder path in a run's inputs). */
function scenariosNamed(recording: Pick<Recording, 'forecasts' | 'simRuns'>): string[] {
  const named = new Set<string>();
  const add = (value: unknown) => typeof value === 'string' && value !== '' && named.add(value);
  for (const f of recording.forecasts) {
    add(f.scenario);
    if (typeof f.inputs === 'string') add((JSON.parse(f.inputs) as { scenario?: unknown }).scenario);
  }
  for (const r of recording.simRuns) if (typeof r.args === 'string') add((JSON.parse(r.args) as { scenario?: unknown }).scenario);
  return [...named];
}
