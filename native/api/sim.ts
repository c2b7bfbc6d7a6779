import { z } from 'zod';
import type { MethodSpecs, PushSpecs } from './spec.ts';

const xy = z.tuple([z.number(), z.number()]);

/** A what-if change to a running simulation, in the scenario's CRS; applies from the next step. */
export const SimEdit = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('addPump'), id: z.string().min(1), x: z.number(), y: z.number(), capacity: z.number().nonnegative(), dischargeTo: xy.nullable().default(null) }).strict(),
  z.object({ kind: z.literal('removePump'), id: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('addBarrier'), id: z.string().min(1), line: z.array(xy).min(2), height: z.number().positive() }).strict(),
  z.object({ kind: z.literal('removeBarrier'), id: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('setInflow'), id: z.string().min(1), discharge: z.number().nonnegative() }).strict(),
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

export const SimStatus = z.object({
  state: z.enum(['idle', 'loading', 'running', 'paused']),
  scenario: z.string().nullable(),
  /** Simulated seconds reached, and the run's end. */
  time: z.number(),
  durationSeconds: z.number().nullable(),
  steps: z.number().int(),
  scheme: z.enum(['inertial', 'hll']).nullable(),
});
export type SimStatus = z.infer<typeof SimStatus>;

export const SimProgress = z.object({
  time: z.number(),
  durationSeconds: z.number(),
  steps: z.number().int(),
  wallSeconds: z.number(),
  massErrorPercent: z.number(),
});

/**
 * A depth snapshot for the map: an RGBA PNG, one pixel per `cellsPerPixel`² cells (the deepest
 * of them), row 0 north, transparent where dry, placed on the scenario grid's corners
 * (`scenario.grid`). Colours run from light blue at `ramp[0]` m to dark blue at `ramp[1]` m.
 */
export const SimFrame = z.object({
  time: z.number(),
  image: z.string().startsWith('data:image/png;base64,'),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  cellsPerPixel: z.number().int().positive(),
  ramp: z.tuple([z.number(), z.number()]),
  /** Cells deeper than the wet threshold. */
  wetCells: z.number().int(),
  maxDepth: z.number(),
  probes: z.array(z.object({ id: z.string(), depth: z.number(), stage: z.number() })),
});
export type SimFrame = z.infer<typeof SimFrame>;

export const SimFinished = z.object({
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
});
export type SimFinished = z.infer<typeof SimFinished>;

export const simMethods = {
  'sim.start': {
    args: z
      .object({
        /** A bundled scenario name or a pack folder; default the app's scenario. */
        scenario: z.string().min(1).optional(),
        durationSeconds: z.number().positive().optional(),
        frameIntervalSeconds: z.number().positive().default(10),
        threads: z.number().int().min(1).max(64).optional(),
        scheme: z.enum(['inertial', 'hll']).optional(),
      })
      .strict(),
    result: SimStatus,
  },
  'sim.stop': { args: z.object({}).strict(), result: SimStatus },
  'sim.status': { args: z.object({}).strict(), result: SimStatus },
  'sim.edit': { args: z.object({ edit: SimEdit }).strict(), result: z.object({ ok: z.literal(true) }) },
} satisfies MethodSpecs;

export const simPushes = {
  'sim.progress': SimProgress,
  'sim.frame': SimFrame,
  'sim.finished': SimFinished,
} satisfies PushSpecs;
