// The recording file (polder-recording/1): one JSON object. README "Recordings" documents it.
import { z } from 'zod';
import { Roster } from '../identity/roster.ts';

export const recordingFormat = 'polder-recording/1';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const Row = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));

const RecordedEvent = z.strictObject({
  id: z.string(),
  origin: z.string(),
  seq: z.number().int().min(1),
  hlc: z.string(),
  actor: z.string(),
  type: z.string(),
  entity: z.string(),
  /** The payload exactly as stored (canonical JSON text), so its hash can be recomputed byte for byte. */
  payload: z.string(),
  prevHash: z.string(),
  hash: Hex64,
  sig: z.string().nullable(),
});
export type RecordedEvent = z.infer<typeof RecordedEvent>;

/** Where each origin's part of the slice sits in its chain; `prevHash` is the event before `firstSeq` ('' when it is 1). */
const OriginSpan = z.strictObject({
  origin: z.string(),
  firstSeq: z.number().int().min(1),
  lastSeq: z.number().int().min(1),
  prevHash: z.string(),
  /** Sequence numbers the exporting device had not received (a remote origin's gap): declared, not hidden. */
  missing: z.array(z.number().int().min(1)),
});
export type OriginSpan = z.infer<typeof OriginSpan>;

export const Recording = z.strictObject({
  format: z.literal(recordingFormat),
  /** Milliseconds since the epoch: [from, to). */
  window: z.strictObject({ from: z.number(), to: z.number() }),
  exportedAt: z.number(),
  /** The device that wrote the file; `signature` is its key's, as the roster lists it. */
  exportedBy: z.string(),
  roster: Roster,
  /** The scenario packs the recording needs, named by content hash (pack-hash.ts). */
  packs: z.array(z.strictObject({ name: z.string(), sha256: Hex64 })),
  origins: z.array(OriginSpan),
  events: z.array(RecordedEvent),
  /** Rows of the store's tables as stored (column → value). */
  forecasts: z.array(Row),
  recommendations: z.array(Row),
  simRuns: z.array(Row),
  simRunEdits: z.array(Row),
  /**
   * Sensor readings the node accepted in the window (by received_at), rows of sensor_readings with
   * the raw payload as base64; null in recordings made before the sensor store existed.
   */
  sensorObservations: z.array(Row).nullable(),
  /** Payloads the node quarantined in the window (by received_at), rows of sensor_quarantine, payload as base64. */
  sensorQuarantine: z.array(Row).optional(),
  /** Ed25519 signature by `exportedBy` of the RFC 8785 bytes of every other field. */
  signature: z.string(),
});
export type Recording = z.infer<typeof Recording>;
export type UnsignedRecording = Omit<Recording, 'signature'>;

/** The store tables a recording carries rows of, with the columns it may write on import. */
export const recordedTables = {
  forecasts: { table: 'forecasts', columns: ['id', 'scenario', 'requested_by', 'requested_at', 'trigger', 'inputs', 'name', 'base_id', 'state', 'started_from', 'start_seconds', 'end_seconds', 'ended_at', 'error', 'wall_seconds', 'impacts', 'alerts'] },
  recommendations: { table: 'recommendations', columns: ['id', 'forecast_id', 'kind', 'target', 'department', 'title', 'description', 'priority', 'edit', 'status', 'created_at', 'decided_by', 'decided_at', 'reason', 'task_id'] },
  simRuns: { table: 'sim_runs', columns: ['id', 'scenario', 'started_by', 'stopped_by', 'started_at', 'ended_at', 'state', 'args', 'finished'] },
  simRunEdits: { table: 'sim_run_edits', columns: ['run_id', 'seq', 'edit', 'by', 'at'] },
} as const;

/** The sensor store's columns a recording carries (payload as base64 text). */
export const sensorObservationColumns = ['sensor_id', 'time', 'value', 'result_time', 'received_at', 'flags', 'payload'] as const;
export const sensorQuarantineColumns = ['received_at', 'topic', 'sensor_id', 'reason', 'payload'] as const;
