import { z } from 'zod';
import type { MethodSpecs, PushSpecs } from './spec.ts';

/** The bounds of what a caller may ask of the engine: a run, its frames, its what-if edits. */
export const simLimits = {
  /** The longest run (simulated seconds): two days. */
  maxDurationSeconds: 48 * 3600,
  /** Depth frames at most once per simulated second… */
  minFrameIntervalSeconds: 1,
  /** …and at most this many in one run. */
  maxFrames: 10_000,
  maxThreads: 16,
  /** A pump (m³/s): the largest flood pumping stations move a few hundred. */
  maxPumpCapacity: 500,
  /** An inflow (m³/s). */
  maxInflow: 50_000,
  /** A barrier's crest above the ground (m). */
  maxBarrierHeight: 20,
  maxBarrierPoints: 1_000,
  /** Coordinates in the scenario's projected CRS (m): UTM eastings and northings stay below this. */
  maxCoordinate: 1e8,
  maxIdLength: 100,
} as const;

/** A scenario pack by name (lower-case letters, digits and dashes): the app resolves it among the packs it ships, never as a path. */
export const ScenarioName = z
  .string()
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'a scenario pack name (lower-case letters, digits and dashes), not a path');

const coordinate = z.number().min(-simLimits.maxCoordinate).max(simLimits.maxCoordinate);
const xy = z.tuple([coordinate, coordinate]);
const editId = z.string().min(1).max(simLimits.maxIdLength);

/** A what-if change to a running simulation, in the scenario's CRS; applies from the next step. */
export const SimEdit = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('addPump'), id: editId, x: coordinate, y: coordinate, capacity: z.number().nonnegative().max(simLimits.maxPumpCapacity), dischargeTo: xy.nullable().default(null) }).strict(),
  z.object({ kind: z.literal('removePump'), id: editId }).strict(),
  z.object({ kind: z.literal('addBarrier'), id: editId, line: z.array(xy).min(2).max(simLimits.maxBarrierPoints), height: z.number().positive().max(simLimits.maxBarrierHeight) }).strict(),
  z.object({ kind: z.literal('removeBarrier'), id: editId }).strict(),
  z.object({ kind: z.literal('setInflow'), id: editId, discharge: z.number().nonnegative().max(simLimits.maxInflow) }).strict(),
]);
export type SimEdit = z.infer<typeof SimEdit>;

export const SimProbe = z.object({
  id: z.string(),
  x: z.number(),
  y: z.number(),
  maxDepth: z.number(),
  maxStage: z.number(),
  arrivalTime: z.number().nullable(),
});

export const SimProgress = z.object({
  time: z.number(),
  durationSeconds: z.number(),
  steps: z.number().int(),
  wallSeconds: z.number(),
  massErrorPercent: z.number(),
});

/** The water at one of the scenario's assets (a point), read from the engine's grids at its cell. */
export const SimAssetRisk = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  /** Depth (m) at the asset at the frame's time. */
  depth: z.number(),
  /** Peak depth (m) so far. */
  maxDepth: z.number(),
  /** Peak ARR 2016 hazard class so far (depth × velocity): 0 dry, 1–6 = H1–H6. */
  hazard: z.number().int().min(0).max(6),
  /** Seconds from the start of the run until the water first got deeper than the wet threshold; null if not (yet). */
  arrivalTime: z.number().nullable(),
});
export type SimAssetRisk = z.infer<typeof SimAssetRisk>;

/**
 * A moment of a run for the map, made by the engine at display resolution: one value per
 * `cellsPerPixel`² cells (the worst of them), row 0 north, placed on the scenario grid's corners
 * (`scenario.grid`). `grids` travels as bytes (a binary WebSocket frame in serve mode, a structured
 * clone under Electron), never as base64. Once inflated (zlib, RFC 1950: what
 * `DecompressionStream('deflate')` reads) it holds, n = width × height values each, little-endian:
 * depth uint16 × n in `depthMetersPerUnit`; arrival uint16 × n in `arrivalSecondsPerUnit`, 65535
 * where no cell is wet yet; hazard uint8 × n, the peak ARR class so far (0 dry, 1–6 = H1–H6).
 */
export const SimFrame = z.object({
  /** The run it belongs to. */
  runId: z.string(),
  time: z.number(),
  /** The run's end (s): the arrival ramp spans 0 to this. */
  durationSeconds: z.number(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  cellsPerPixel: z.number().int().positive(),
  depthMetersPerUnit: z.number().positive(),
  arrivalSecondsPerUnit: z.number().positive(),
  /** Cells deeper than the wet threshold. */
  wetCells: z.number().int(),
  maxDepth: z.number(),
  probes: z.array(z.object({ id: z.string(), depth: z.number(), stage: z.number() })),
  /** Every asset of the scenario at this time, most at risk first: peak hazard (worst first), then
   * arrival (earliest first, dry last), then name. */
  assets: z.array(SimAssetRisk),
  grids: z.instanceof(Uint8Array),
});
export type SimFrame = z.infer<typeof SimFrame>;

export const SimFinished = z.object({
  runId: z.string(),
  outcome: z.enum(['completed', 'stopped', 'failed']),
  /** Why it failed; null otherwise. */
  error: z.string().nullable(),
  scenario: z.string().nullable(),
  simulatedSeconds: z.number(),
  wallSeconds: z.number(),
  steps: z.number().int(),
  massErrorPercent: z.number(),
  probes: z.array(SimProbe),
  /** Mean absolute error of peak stage at the scenario's observation points, m; null without any. */
  observationMeanAbsError: z.number().nullable(),
  /** Every asset at the end of the run, ordered as in `sim.frame`; empty when the run failed. */
  assets: z.array(SimAssetRisk),
});
export type SimFinished = z.infer<typeof SimFinished>;

/** The arrival value of a display pixel none of whose cells is wet yet. */
export const arrivalNeverWet = 0xffff;

export const SimRunArgs = z.object({
  durationSeconds: z.number().nullable(),
  frameIntervalSeconds: z.number(),
  threads: z.number().int().nullable(),
  scheme: z.enum(['inertial', 'hll']).nullable(),
});

/** A simulation run as a record: who started it with what, its edits, how it ended. Kept with its
 * grids on disk, so a reload, a second browser or a restarted host shows the same run. */
export const SimRunRecord = z.object({
  id: z.string(),
  scenario: z.string(),
  /** Actor ids. */
  startedBy: z.string(),
  stoppedBy: z.string().nullable(),
  /** Milliseconds on the app's clock. */
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  /** 'interrupted': the host went away while it ran. */
  state: z.enum(['running', 'completed', 'stopped', 'failed', 'interrupted']),
  args: SimRunArgs,
  edits: z.array(z.object({ edit: SimEdit, by: z.string(), at: z.number() })),
  /** The run's end as `sim.finished` pushed it; null while it runs. */
  finished: SimFinished.nullable(),
});
export type SimRunRecord = z.infer<typeof SimRunRecord>;

export const SimStatus = z.object({
  state: z.enum(['idle', 'loading', 'running', 'paused']),
  scenario: z.string().nullable(),
  /** Simulated seconds reached, and the run's end. */
  time: z.number(),
  durationSeconds: z.number().nullable(),
  steps: z.number().int(),
  scheme: z.enum(['inertial', 'hll']).nullable(),
  /** The current run, or the last one; null before any. */
  run: SimRunRecord.nullable(),
});
export type SimStatus = z.infer<typeof SimStatus>;


export const simMethods = {
  'sim.start': {
    access: { may: 'sim.run' },
    args: z
      .object({
        /** A scenario pack the app ships, by name; default the app's scenario. */
        scenario: ScenarioName.optional(),
        durationSeconds: z.number().positive().max(simLimits.maxDurationSeconds).optional(),
        frameIntervalSeconds: z.number().min(simLimits.minFrameIntervalSeconds).max(simLimits.maxDurationSeconds).default(10),
        threads: z.number().int().min(1).max(simLimits.maxThreads).optional(),
        scheme: z.enum(['inertial', 'hll']).optional(),
      })
      .strict()
      .refine((a) => a.durationSeconds === undefined || a.durationSeconds / a.frameIntervalSeconds <= simLimits.maxFrames, {
        message: `at most ${simLimits.maxFrames} frames per run: lengthen frameIntervalSeconds or shorten durationSeconds`,
        path: ['frameIntervalSeconds'],
      }),
    result: SimStatus,
  },
  'sim.stop': { access: { may: 'sim.steer' }, args: z.object({}).strict(), result: SimStatus },
  'sim.status': { access: 'signedIn', args: z.object({}).strict(), result: SimStatus },
  'sim.edit': { access: { may: 'sim.steer' }, args: z.object({ edit: SimEdit }).strict(), result: z.object({ ok: z.literal(true) }) },
  /** The map's grids of the current (or last) run as they stood at `time` (the frame at or before
   * it), or the latest; null before its first frame. Late joiners and replays pull frames with it. */
  'sim.results': {
    access: 'signedIn',
    args: z.object({ time: z.number().nonnegative().max(simLimits.maxDurationSeconds).optional() }).strict(),
    result: SimFrame.nullable(),
  },
} satisfies MethodSpecs;

export const simPushes = {
  'sim.progress': SimProgress,
  'sim.frame': SimFrame,
  'sim.finished': SimFinished,
} satisfies PushSpecs;
