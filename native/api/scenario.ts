import { z } from 'zod';
import type { MethodSpecs } from './spec.ts';

const Feature = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  properties: z.record(z.string(), z.unknown()).nullable(),
  geometry: z.object({ type: z.string(), coordinates: z.unknown() }).passthrough(),
});

export const FeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(Feature),
});
export type FeatureCollection = z.infer<typeof FeatureCollection>;

/** The loaded scenario's map layers, in WGS84 lon/lat. */
export const ScenarioLayers = z.object({
  extent: FeatureCollection,
  areaOfInterest: FeatureCollection,
  buildings: FeatureCollection,
  roads: FeatureCollection,
  /** Every Manning zone, with its `n`. */
  roughness: FeatureCollection,
  inflows: FeatureCollection,
  observations: FeatureCollection,
  assets: FeatureCollection,
  gauges: FeatureCollection,
});
export type ScenarioLayers = z.infer<typeof ScenarioLayers>;

export const scenarioMethods = {
  'scenario.layers': { args: z.object({}).strict(), result: ScenarioLayers },
} satisfies MethodSpecs;
