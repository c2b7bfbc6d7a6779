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

const LonLat = z.tuple([z.number(), z.number()]);
/** Lon/lat of a grid's outer corners: top-left (north-west), top-right, bottom-right, bottom-left,
 * the order MapLibre's image and canvas sources take. */
export const GridCorners = z.tuple([LonLat, LonLat, LonLat, LonLat]);
export type GridCorners = z.infer<typeof GridCorners>;

/** The scenario's computation grid: every per-cell result (depth frames, arrival, hazard) has
 * nx × ny values, row-major, row 0 the northern row. */
export const ScenarioGrid = z.object({
  nx: z.number().int().positive(),
  ny: z.number().int().positive(),
  /** Metres. */
  cellSize: z.number().positive(),
  corners: GridCorners,
});
export type ScenarioGrid = z.infer<typeof ScenarioGrid>;

/** Shaded relief of the scenario's bare-earth DEM, one pixel per grid cell: a translucent RGBA PNG
 * (shadows dark, sunlit slopes light, flat ground and NODATA transparent). */
export const Hillshade = z.object({
  /** `data:image/png;base64,…` */
  image: z.string().startsWith('data:image/png;base64,'),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  corners: GridCorners,
  /** Lowest and highest ground (m) in the DEM. */
  elevation: z.tuple([z.number(), z.number()]),
});
export type Hillshade = z.infer<typeof Hillshade>;

/** The scenario pack's projected CRS, so a screen can give a point's grid reference (easting,
 * northing) beside its lon/lat. */
export const ScenarioCrs = z.object({
  /** "EPSG:32756". */
  epsg: z.string(),
  /** As Esri's tables name it: "WGS_1984_UTM_Zone_56S". */
  name: z.string(),
  /** Esri WKT1 of the CRS, what proj4 reads. */
  wkt: z.string(),
});
export type ScenarioCrs = z.infer<typeof ScenarioCrs>;

export const scenarioMethods = {
  'scenario.layers': { access: 'signedIn', args: z.object({}).strict(), result: ScenarioLayers },
  'scenario.grid': { access: 'signedIn', args: z.object({}).strict(), result: ScenarioGrid },
  /** Null when the pack's CRS is not one the projection tables know. */
  'scenario.crs': { access: 'signedIn', args: z.object({}).strict(), result: ScenarioCrs.nullable() },
  'scenario.hillshade': { access: 'signedIn',
    args: z
      .object({
        /** Sun direction, degrees clockwise from north. */
        azimuth: z.number().min(0).max(360).default(315),
        /** Sun height above the horizon, degrees. */
        altitude: z.number().min(1).max(90).default(45),
        /** Vertical exaggeration. */
        zFactor: z.number().positive().max(100).default(1),
      })
      .strict(),
    result: Hillshade,
  },
} satisfies MethodSpecs;
