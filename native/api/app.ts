import { z } from 'zod';
import type { MethodSpecs, PushSpecs } from './spec.ts';

export const ScenarioSummary = z.object({
  name: z.string(),
  title: z.string(),
  crs: z.string(),
  /** [west, south, east, north] in WGS84 degrees. */
  bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  attribution: z.string(),
});
export type ScenarioSummary = z.infer<typeof ScenarioSummary>;

export const AppInfo = z.object({
  name: z.literal('polder'),
  version: z.string(),
  /** Where this app keeps its data; null until the caller has signed in. */
  dataDir: z.string().max(4096).nullable(),
  host: z.enum(['electron', 'serve']),
  runtime: z.object({
    node: z.string(),
    electron: z.string().nullable(),
    chrome: z.string().nullable(),
    platform: z.string(),
    arch: z.string(),
  }),
  scenario: ScenarioSummary.nullable(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const ClockTick = z.object({
  /** Milliseconds since the epoch on the app's clock (virtual during replay). */
  now: z.number(),
  /** 'live' follows the wall clock; anything else must be shown as not live. */
  mode: z.enum(['live', 'exercise', 'replay']),
});
export type ClockTick = z.infer<typeof ClockTick>;

export const appMethods = {
  'app.info': { access: 'anyone', args: z.object({}).strict(), result: AppInfo },
} satisfies MethodSpecs;

export const appPushes = {
  'app.clock': ClockTick,
} satisfies PushSpecs;
