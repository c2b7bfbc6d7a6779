// The messages between the app and the engine process, as discriminated unions. Requests are
// checked with zod on arrival (a bad one gets an `error` event, never a crash); events are
// plain data; a frame's packed display grids are one buffer the worker transport transfers.
import { z } from 'zod';
import type { GridGeometry } from '../scenario/types.ts';
import type { AssetRisk } from './asset-risk.ts';
import type { DisplayFrame } from './display-frame.ts';
import type { ForecastOutcome, ForecastProgress } from './forecast.ts';
import type { OutputSummary } from './outputs.ts';
import type { Progress } from './run.ts';

const id = z.string().min(1).max(100);
const xy = z.tuple([z.number().finite(), z.number().finite()]);
const seconds = z.number().finite().positive();

/** What-if edits in the scenario's CRS; each applies from the next time step. */
export const WhatIfEdit = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('addPump'),
    id,
    x: z.number().finite(),
    y: z.number().finite(),
    /** m³/s. */
    capacity: z.number().finite().nonnegative(),
    /** Where the pumped water goes; null takes it out of the domain. */
    dischargeTo: xy.nullable().default(null),
  }),
  z.strictObject({ kind: z.literal('removePump'), id }),
  z.strictObject({
    kind: z.literal('addBarrier'),
    id,
    line: z.array(xy).min(2),
    /** Crest height above the ground along the line (m). */
    height: z.number().finite().positive(),
  }),
  z.strictObject({ kind: z.literal('removeBarrier'), id }),
  z.strictObject({
    kind: z.literal('setInflow'),
    id,
    /** A constant discharge (m³/s) from now on … */
    discharge: z.number().finite().nonnegative().optional(),
    /** … or a hydrograph, seconds from the start of the run. */
    hydrograph: z.strictObject({ times: z.array(z.number().finite()).min(1), values: z.array(z.number().finite().nonnegative()).min(1) }).optional(),
  }),
]);
export type WhatIfEdit = z.infer<typeof WhatIfEdit>;

const ForecastSeries = z.strictObject({ times: z.array(z.number().finite()).min(1).max(10_000), values: z.array(z.number().finite().nonnegative()).min(1).max(10_000) });

export const ProbeRequest = z.strictObject({ id, x: z.number().finite(), y: z.number().finite() });

export const HostRequest = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('start'),
    /** A pack folder, or the name of a pack bundled under resources/scenarios. */
    scenario: z.string().min(1),
    durationSeconds: seconds.optional(),
    threads: z.number().int().min(1).max(64).optional(),
    scheme: z.enum(['inertial', 'hll']).optional(),
    /** Depth frames every this many simulated seconds; none when absent. */
    frameIntervalSeconds: seconds.optional(),
    /** Probe samples and hazard classification, every this many simulated seconds (default 10). */
    sampleIntervalSeconds: seconds.optional(),
    /** Replaces the scenario's observation points and gauges as probes. */
    probes: z.array(ProbeRequest).optional(),
    /** Write summary.json, probes.csv and the grids here when the run ends. */
    outDir: z.string().min(1).optional(),
  }),
  z.strictObject({ type: z.literal('edit'), edit: WhatIfEdit }),
  z.strictObject({
    type: z.literal('forecast'),
    /** The caller's id for this forecast; a newer forecast cancels one still running. */
    id,
    /** A pack folder or bundled name; the live run's pack when it is the same one. */
    scenario: z.string().min(1),
    /** 'current': the running simulation's state now, else the last finished run's end, else the
     * scenario's start; 'start': the scenario's start. */
    from: z.enum(['current', 'start']).default('current'),
    /** Start from the same state as this earlier forecast did (a what-if rerun); overrides `from`. */
    fromForecast: id.optional(),
    aheadSeconds: seconds.max(24 * 3600),
    members: z.number().int().min(1).max(50).default(1),
    /** Rain and inflows not given: the scenario's own series, or the rate at the start held. */
    basis: z.enum(['scenario', 'persistence']).default('scenario'),
    /** Rain (mm/h) and inflows (m³/s), seconds from the forecast start; absent: persistence. */
    rain: ForecastSeries.nullable().optional(),
    inflows: z.record(z.string(), ForecastSeries).optional(),
    /** Gauge levels observed now (scenario CRS, m): the start is nudged toward them. */
    /** A stage (water-surface elevation) or a depth above the ground at the gauge (m). */
    observations: z
      .array(z.union([z.strictObject({ id, x: z.number().finite(), y: z.number().finite(), stage: z.number().finite() }), z.strictObject({ id, x: z.number().finite(), y: z.number().finite(), depth: z.number().finite() })]))
      .max(500)
      .optional(),
    /** What-if edits applied to every member from the start (a what-if rerun). */
    edits: z.array(WhatIfEdit).max(100).default([]),
    threads: z.number().int().min(1).max(64).optional(),
  }),
  z.strictObject({ type: z.literal('cancelForecast'), id }),
  z.strictObject({ type: z.literal('pause') }),
  z.strictObject({ type: z.literal('resume') }),
  z.strictObject({ type: z.literal('stop') }),
]);
export type HostRequest = z.input<typeof HostRequest>;

/** A moment of the run for the map: its display grids (depth, arrival, hazard), packed by the engine. */
export interface FrameEvent {
  type: 'frame';
  /** Simulated seconds. */
  time: number;
  /** The run's end (s): the arrival grid's range. */
  durationSeconds: number;
  view: DisplayFrame;
  probes: { id: string; depth: number; stage: number }[];
  /** The scenario's assets, most at risk first. */
  assets: AssetRisk[];
}

export type HostEvent =
  | {
      type: 'started';
      scenario: string;
      title: string;
      crs: string;
      grid: GridGeometry;
      durationSeconds: number;
      scheme: 'inertial' | 'hll';
      threads: number;
      probes: { id: string; x: number; y: number }[];
    }
  | ({ type: 'progress' } & Progress)
  | FrameEvent
  | { type: 'edited'; edit: WhatIfEdit }
  | { type: 'editRejected'; edit: WhatIfEdit; message: string }
  | { type: 'paused'; time: number }
  | { type: 'resumed'; time: number }
  | {
      type: 'finished';
      summary: OutputSummary;
      outDir: string | null;
      assets: AssetRisk[];
      /** The map's grids at the end (or where the run stopped). */
      final: Omit<FrameEvent, 'type'>;
    }
  | { type: 'error'; message: string }
  | ({ type: 'forecastProgress'; id: string } & ForecastProgress)
  | { type: 'forecastDone'; id: string; scenario: string; startedFrom: ForecastStart; outcome: ForecastOutcome }
  | { type: 'forecastEnded'; id: string; outcome: 'cancelled' | 'failed'; message: string };

/** Where a forecast started: the live run's state, the last finished run's end, or t = 0. */
export type ForecastStart = 'live' | 'last-run' | 'scenario-start';

/** Either side of a transport: send a message (transferring the listed buffers if it can). */
export interface Port<Out, In> {
  post(message: Out, transfer?: ArrayBuffer[]): void;
  onMessage(listener: (message: In) => void): void;
}
