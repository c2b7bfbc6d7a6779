import { z } from 'zod';
import { CapCertainty, CapSeverity, CapUrgency, Priority, Task, textLimits } from './ops.ts';
import { ScenarioName, SimEdit } from './sim.ts';
import type { MethodSpecs, PushSpecs } from './spec.ts';

/** The bounds of a forecast request. */
export const forecastLimits = {
  /** Minutes ahead: a day at most. */
  maxAheadMinutes: 24 * 60,
  maxMembers: 20,
  maxSeriesPoints: 2_000,
  maxEdits: 50,
} as const;

const Id = z.string().min(1).max(textLimits.id);

/** Samples (seconds from the forecast's start, values) for rain (mm/h) or an inflow (m³/s). */
export const ForecastSeries = z
  .object({
    times: z.array(z.number().finite().min(0)).min(1).max(forecastLimits.maxSeriesPoints),
    values: z.array(z.number().finite().nonnegative()).min(1).max(forecastLimits.maxSeriesPoints),
  })
  .strict()
  .refine((s) => s.times.length === s.values.length, 'a series needs as many times as values')
  .refine((s) => s.times.every((t, k) => k === 0 || t > s.times[k - 1]!), 'a series needs increasing times');

export const ForecastRequest = z
  .object({
    /** The app's scenario when absent. */
    scenario: ScenarioName.optional(),
    aheadMinutes: z.number().positive().max(forecastLimits.maxAheadMinutes).default(60),
    /** Ensemble members (rain and inflows scaled up and down); 1 is the plain forecast. */
    members: z.number().int().min(1).max(forecastLimits.maxMembers).default(1),
    /** 'current': the live run's state, else the last run's end, else the start. */
    from: z.enum(['current', 'start']).default('current'),
    /** Rain and inflows not given: the scenario's own series, or the rate at the start held. */
    basis: z.enum(['scenario', 'persistence']).default('scenario'),
    rain: ForecastSeries.nullable().optional(),
    inflows: z.record(z.string().max(textLimits.id), ForecastSeries).optional(),
    /** Gauge levels observed now (scenario CRS, m), each a stage (water-surface elevation) or a
     * depth above the ground at the gauge (what water-level sensors read): the start is nudged
     * toward them (assimilation). */
    observations: z
      .array(
        z.union([
          z.object({ id: Id, x: z.number().finite(), y: z.number().finite(), stage: z.number().finite() }).strict(),
          z.object({ id: Id, x: z.number().finite(), y: z.number().finite(), depth: z.number().finite() }).strict(),
        ]),
      )
      .max(500)
      .optional(),
  })
  .strict();

export const ForecastState = z.enum(['running', 'completed', 'cancelled', 'failed', 'interrupted']);

/** The water one forecast predicts at one asset or road segment. */
export const ForecastImpact = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  shape: z.enum(['point', 'line', 'area']),
  lonLat: z.tuple([z.number(), z.number()]).nullable(),
  peakDepth: z.number(),
  /** Simulated seconds the water reaches the alert depth; null: it does not in the plain member. */
  arrivalSeconds: z.number().nullable(),
  leadSeconds: z.number().nullable(),
  hazard: z.number().int().min(0).max(6),
  /** Share of ensemble members reaching the alert depth there. */
  probability: z.number().min(0).max(1),
});
export type ForecastImpact = z.infer<typeof ForecastImpact>;

/** An alert a forecast raised or updated (or found unchanged) in the queue. */
export const ForecastAlert = z.object({
  asset: z.string(),
  name: z.string(),
  peakDepth: z.number(),
  arrivalSeconds: z.number().nullable(),
  leadSeconds: z.number().nullable(),
  severity: CapSeverity,
  urgency: CapUrgency,
  certainty: CapCertainty,
  probability: z.number(),
  alertId: z.string(),
  action: z.enum(['raised', 'updated', 'unchanged']),
});
export type ForecastAlert = z.infer<typeof ForecastAlert>;

export const ForecastRecord = z.object({
  id: z.string(),
  scenario: z.string(),
  requestedBy: z.string(),
  requestedAt: z.number(),
  trigger: z.enum(['request', 'reading', 'what-if', 'cli']),
  inputs: z.record(z.string(), z.unknown()),
  name: z.string().nullable(),
  baseId: z.string().nullable(),
  state: ForecastState,
  startedFrom: z.enum(['live', 'last-run', 'scenario-start']).nullable(),
  startSeconds: z.number().nullable(),
  endSeconds: z.number().nullable(),
  endedAt: z.number().nullable(),
  error: z.string().nullable(),
  wallSeconds: z.number().nullable(),
  impacts: z.array(ForecastImpact).nullable(),
  alerts: z.array(ForecastAlert).nullable(),
});
export type ForecastRecord = z.infer<typeof ForecastRecord>;

export const ForecastProgress = z.object({ id: z.string(), fraction: z.number(), member: z.number().int(), members: z.number().int() });

export const RecommendationStatus = z.enum(['draft', 'approved', 'rejected', 'superseded']);

/** A task Polder recommends from a forecast: a draft until a person decides. */
export const Recommendation = z.object({
  id: z.string(),
  forecastId: z.string(),
  kind: z.enum(['closure', 'protection', 'pump', 'barrier']),
  target: z.string(),
  department: z.string(),
  title: z.string(),
  description: z.string(),
  priority: Priority,
  /** For pumps and barriers: the what-if change that carries it out. */
  edit: SimEdit.nullable(),
  status: RecommendationStatus,
  createdAt: z.number(),
  decidedBy: z.string().nullable(),
  decidedAt: z.number().nullable(),
  reason: z.string().nullable(),
  taskId: z.string().nullable(),
});
export type Recommendation = z.infer<typeof Recommendation>;

export const AssetChange = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  basePeak: z.number(),
  peak: z.number(),
  change: z.number(),
  baseArrivalSeconds: z.number().nullable(),
  arrivalSeconds: z.number().nullable(),
  arrivalGainedSeconds: z.number().nullable(),
  alertAvoided: z.boolean(),
  alertAdded: z.boolean(),
});

/** A road segment a what-if closes, and the water it keeps traffic out of there. */
export const ClosedRoad = z.object({ id: z.string(), name: z.string(), peakDepth: z.number(), arrivalSeconds: z.number().nullable(), alertCovered: z.boolean() });
export type ClosedRoad = z.infer<typeof ClosedRoad>;

/** A what-if run against the forecast it branches from. */
export const WhatIfComparison = z.object({
  baseId: z.string(),
  otherId: z.string(),
  nx: z.number().int(),
  ny: z.number().int(),
  /** Per cell (row 0 north), base64 of one byte each: 0 same, 1 deeper, 2 shallower, 3 newly dry, 4 newly wet. */
  classes: z.string(),
  counts: z.object({ deeper: z.number(), shallower: z.number(), newlyDry: z.number(), newlyWet: z.number() }),
  assets: z.array(AssetChange),
  alertsAvoided: z.number().int(),
  alertsAdded: z.number().int(),
  /** Road closures the what-if records: they move no water (the engine has no traffic), they keep people out of it. */
  closures: z.array(ClosedRoad),
  /** Closed roads whose alert the closure answers. */
  alertsCovered: z.number().int(),
});
export type WhatIfComparison = z.infer<typeof WhatIfComparison>;

/** A stored forecast's grids, row 0 north, each the base64 of little-endian Float32 per cell: peak
 * depth (m), arrival at the impact depth (simulated s, -1 never) and the ensemble's share of
 * members reaching it. */
export const ForecastGrids = z.object({
  id: z.string(),
  nx: z.number().int().positive(),
  ny: z.number().int().positive(),
  maxDepth: z.string(),
  arrival: z.string(),
  probability: z.string(),
});
export type ForecastGrids = z.infer<typeof ForecastGrids>;

/** How far to trust the model at a gauge: modelled − observed depth above ground over the last hour (m). */
export const GaugeSkill = z.object({ gauge: z.string(), n: z.number().int(), bias: z.number().nullable(), rmse: z.number().nullable() });
export type GaugeSkill = z.infer<typeof GaugeSkill>;

export const RankedPlacement = z.object({ edit: SimEdit, kind: z.enum(['pump', 'barrier']), target: z.string(), targetName: z.string(), depthRemoved: z.number(), whatIfId: z.string() });

const Reason = z.string().trim().min(1, 'give a reason').max(textLimits.reason);
const DraftChanges = {
  title: z.string().trim().min(1).max(textLimits.title).optional(),
  description: z.string().max(textLimits.description).optional(),
  department: Id.optional(),
  priority: Priority.optional(),
};

export const decideMethods = {
  /** Starts a forecast in the engine's thread; the record comes back running, `forecast.finished` follows. */
  'forecast.run': { access: { may: 'sim.run' }, args: ForecastRequest, result: ForecastRecord },
  'forecast.cancel': { access: { may: 'sim.run' }, args: z.object({ id: Id }).strict(), result: ForecastRecord },
  /** Per gauge, bias and RMSE of the model's depth at the gauge (before the nudge) against the depths the gauges read, over the last hour. */
  'forecast.skill': { access: 'signedIn', args: z.object({}).strict(), result: z.array(GaugeSkill) },
  'forecast.list': { access: 'signedIn', args: z.object({ limit: z.number().int().min(1).max(200).default(20) }).strict(), result: z.array(ForecastRecord) },
  /** A completed forecast's grids, kept on disk across restarts for the newest forecasts (not_found once retention dropped them). */
  'forecast.grids': { access: 'signedIn', args: z.object({ id: Id }).strict(), result: ForecastGrids },
  'recommendations.list': { access: 'signedIn', args: z.object({ status: z.enum(['draft', 'all']).default('draft') }).strict(), result: z.array(Recommendation) },
  /** Changes a draft before anyone approves it; the change and its reason are logged. */
  'recommendations.edit': { access: { may: 'task.create' }, args: z.object({ id: Id, ...DraftChanges, reason: Reason.optional() }).strict(), result: Recommendation },
  /** Makes the draft a task on its department's board (with any last changes); nothing is dispatched. */
  'recommendations.approve': { access: { may: 'task.create' }, args: z.object({ id: Id, ...DraftChanges, reason: Reason.optional() }).strict(), result: z.object({ recommendation: Recommendation, task: Task }) },
  'recommendations.reject': { access: { may: 'task.create' }, args: z.object({ id: Id, reason: Reason }).strict(), result: Recommendation },
  /** Reruns a completed forecast from the same start with pumps and barriers placed and road segments
   * closed (ids of the forecast's road impacts): a named what-if, compared with it. */
  'whatif.run': {
    access: { may: 'sim.run' },
    args: z
      .object({
        baseId: Id,
        name: z.string().trim().min(1).max(textLimits.title),
        edits: z.array(SimEdit).max(forecastLimits.maxEdits).default([]),
        closures: z.array(Id).max(forecastLimits.maxEdits).default([]),
      })
      .strict()
      .refine((a) => a.edits.length + a.closures.length > 0, 'a what-if needs a pump, a barrier or a road closure'),
    result: ForecastRecord,
  },
  'whatif.compare': { access: 'signedIn', args: z.object({ baseId: Id, otherId: Id }).strict(), result: WhatIfComparison },
  /** Tries a pump and a wall at each asset at risk, each in its own what-if run; drafts the helpful ones for Works, best first. */
  'whatif.rank': { access: { may: 'sim.run' }, args: z.object({ baseId: Id }).strict(), result: z.array(RankedPlacement) },
} satisfies MethodSpecs;

export const decidePushes = {
  'forecast.progress': ForecastProgress,
  'forecast.finished': ForecastRecord,
  'recommendations.changed': z.object({ ids: z.array(z.string()) }),
} satisfies PushSpecs;

