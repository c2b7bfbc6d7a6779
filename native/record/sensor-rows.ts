import type { Database } from 'better-sqlite3';
import { createReadingStore, type AcceptedRow, type QuarantinedRow } from '../sensors/reading-store.ts';
import { sensorObservationColumns, sensorQuarantineColumns, type Recording } from './format.ts';

type Row = Recording['forecasts'][number];

/** Readings and rejects the node received in [from, to), in the order it stored them, payloads as base64. */
export function sliceSensorRows(db: Database, from: number, to: number): { sensorObservations: Row[]; sensorQuarantine: Row[] } {
  const rows = (sql: string) =>
    db
      .prepare<[number, number], Record<string, string | number | null | Buffer>>(sql)
      .all(from, to)
      .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString('base64') : v])));
  return {
    sensorObservations: rows(`SELECT ${sensorObservationColumns.join(', ')} FROM sensor_readings WHERE received_at >= ? AND received_at < ? ORDER BY received_at, rowid`),
    sensorQuarantine: rows(`SELECT ${sensorQuarantineColumns.join(', ')} FROM sensor_quarantine WHERE received_at >= ? AND received_at < ? ORDER BY received_at, id`),
  };
}

const text = (v: unknown, column: string): string => {
  if (typeof v !== 'string') throw new Error(`a recorded sensor row's ${column} must be text, got ${v === null ? 'null' : typeof v}`);
  return v;
};
const num = (v: unknown, column: string): number => {
  if (typeof v !== 'number') throw new Error(`a recorded sensor row's ${column} must be a number, got ${v === null ? 'null' : typeof v}`);
  return v;
};

/** A recorded reading as the sensor store takes it. */
export function acceptedRow(r: Row): AcceptedRow {
  return {
    sensorId: text(r.sensor_id, 'sensor_id'),
    time: num(r.time, 'time'),
    value: num(r.value, 'value'),
    resultTime: r.result_time === null || r.result_time === undefined ? null : num(r.result_time, 'result_time'),
    receivedAt: num(r.received_at, 'received_at'),
    flags: num(r.flags, 'flags'),
    raw: Buffer.from(text(r.payload, 'payload'), 'base64'),
  };
}

/** A recorded reject as the sensor store takes it. */
export function quarantinedRow(r: Row): QuarantinedRow {
  return {
    receivedAt: num(r.received_at, 'received_at'),
    topic: text(r.topic, 'topic'),
    sensorId: r.sensor_id === null || r.sensor_id === undefined ? null : text(r.sensor_id, 'sensor_id'),
    reason: text(r.reason, 'reason'),
    raw: Buffer.from(text(r.payload, 'payload'), 'base64'),
  };
}

/** Stores a recording's readings and rejects as they were (with their counts and chart summaries). */
export function writeSensorRows(db: Database, rec: Recording): void {
  const store = createReadingStore(db);
  store.write((rec.sensorObservations ?? []).map(acceptedRow), (rec.sensorQuarantine ?? []).map(quarantinedRow));
  store.writeSummaries();
}
