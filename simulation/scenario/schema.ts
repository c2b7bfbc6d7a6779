// scenario.json, validated with zod. File names are relative to the pack folder.
import { z } from 'zod';
import type { Scheme } from '../engine/model.ts';
import { maxElevation, maxManningN, minElevation } from './limits.ts';

const fileName = z.string().min(1);
const xy = z.tuple([z.number(), z.number()]);
const positiveN = z
  .number({ error: 'Manning n must be a number' })
  .positive({ error: 'Manning n must be > 0' })
  .max(maxManningN, { error: `Manning n must be at most ${maxManningN}: no surface is rougher` });

const inflow = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ id: z.string().min(1), kind: z.literal('line'), line: z.array(xy).min(2), hydrograph: fileName }),
    z.strictObject({ id: z.string().min(1), kind: z.literal('point'), point: xy, hydrograph: fileName }),
  ],
  { error: 'inflow kind must be "line" or "point"' },
);

const rainfall = z
  .discriminatedUnion(
    'kind',
    [
      z.strictObject({ kind: z.literal('uniform'), series: fileName }),
      z.strictObject({
        kind: z.literal('gridded'),
        frames: z.array(z.strictObject({ time_s: z.number().finite().nonnegative(), file: fileName })).min(1),
      }),
    ],
    { error: 'rainfall kind must be "uniform" or "gridded"' },
  )
  .nullable();

const boundary = z.union([z.literal('closed'), z.literal('open'), z.strictObject({ level: z.number().min(minElevation).max(maxElevation) }), z.strictObject({ levelSeries: fileName })], {
  error: 'boundary must be "closed", "open", { "level": <m> } or { "levelSeries": "<file.csv>" }',
});

/** A boundary over part of an edge, from…to along it (scenario CRS: x on the north and south
 * edges, y on the east and west ones); the cells whose centres lie in between. A discharge comes
 * in over it (m³/s in all, or m²/s per metre of from…to); or it takes a boundary of its own. */
const edgeSegment = z.strictObject({
  id: z.string().min(1),
  edge: z.enum(['north', 'east', 'south', 'west'], { error: 'edge must be "north", "east", "south" or "west"' }),
  from: z.number().finite(),
  to: z.number().finite(),
  boundary: z.union([boundary, z.strictObject({ discharge: fileName }), z.strictObject({ dischargePerWidth: fileName })], {
    error: 'a segment\'s boundary must be "closed", "open", { "level": <m> }, { "levelSeries": "<file.csv>" }, { "discharge": "<file.csv>" } (m³/s) or { "dischargePerWidth": "<file.csv>" } (m²/s)',
  }),
});

const schemes = ['inertial', 'hll'] as const satisfies readonly Scheme[];

/** The flood engine's scheme and numerical settings for this pack; the engine's defaults for
 * whatever is left out. `why` records the reason for the choice (not used by the engine). */
export const EngineSettings = z.strictObject({
  scheme: z.enum(schemes, { error: `scheme must be one of ${schemes.map((s) => `"${s}"`).join(', ')}` }).optional(),
  cfl: z.number().positive().max(1).optional(),
  theta: z.number().min(0).max(1).optional(),
  flowDepth: z.number().positive().max(0.1).optional(),
  wetDepth: z.number().positive().max(1).optional(),
  maxStep: z.number().positive().finite().optional(),
  friction: z.enum(['face', 'vector'], { error: 'friction must be "face" or "vector"' }).optional(),
  why: z.string().min(1).optional(),
});
export type EngineSpec = z.infer<typeof EngineSettings>;

export const ScenarioFile = z.strictObject({
  format: z.literal(1, { error: 'format must be 1' }),
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'name must be lower-case letters, digits and dashes' }),
  title: z.string().min(1),
  attribution: z.string(),
  /** "EPSG:<code>"; optional when the DEM declares its CRS; must agree with it when both do. */
  crs: z.string().regex(/^EPSG:\d+$/, { error: 'crs must look like "EPSG:32756"' }).optional(),
  dem: fileName,
  /** Polygon(s) bounding the model domain; the whole grid when absent. */
  extent: fileName.optional(),
  areaOfInterest: fileName.optional(),
  durationSeconds: z.number().positive().optional(),
  manning: z.strictObject({
    default: positiveN,
    /** A raster of n on any grid in the same CRS, sampled at cell centres; NODATA keeps the default. */
    grid: fileName.optional(),
    /** Polygons rasterised by cell centre, applied in order (later zones win). */
    zones: z.array(z.strictObject({ file: fileName, n: positiveN })).default([]),
  }),
  buildings: z
    .strictObject({ file: fileName, mode: z.enum(['raised', 'blocked']), heightMeters: z.number().positive().finite().default(3) })
    .optional(),
  inflows: z.array(inflow).default([]),
  rainfall: rainfall.default(null),
  boundaries: z.strictObject({ north: boundary, east: boundary, south: boundary, west: boundary }),
  /** Boundaries over parts of edges, over the edges' own; later segments win. */
  edgeSegments: z.array(edgeSegment).default([]),
  /** CSV id,x,y,… ; `observedColumn` names the observed peak stage column. */
  observations: z.union([fileName, z.strictObject({ file: fileName, observedColumn: z.string().min(1).optional() })]).optional(),
  /** GeoJSON points with properties kind, name, illustrative. */
  assets: fileName.optional(),
  /** JSON { gauges: [...] } of virtual gauges. */
  gauges: fileName.optional(),
  engine: EngineSettings.optional(),
  /** Water at t = 0 (a hot start, a reservoir, a dam-break set-up): a raster of depth (m) or of
   * water-surface elevation (m, DEM datum) on any grid in the pack's CRS; NODATA is dry. */
  initialWater: z
    .union([z.strictObject({ depth: fileName }), z.strictObject({ level: fileName })], { error: 'initialWater must be { "depth": "<raster>" } or { "level": "<raster>" }' })
    .optional(),
});
export type ScenarioFile = z.infer<typeof ScenarioFile>;

export const assetKinds = ['school', 'hospital', 'aged-care', 'substation', 'underpass', 'pumping-station', 'emergency-service', 'shelter', 'other'] as const;

export const GaugesFile = z.strictObject({
  gauges: z.array(
    z
      .strictObject({
        id: z.string().min(1),
        name: z.string().min(1),
        kind: z.enum(['water-level', 'rain']),
        x: z.number().finite(),
        y: z.number().finite(),
        thresholds: z.strictObject({ warning: z.number().nonnegative(), danger: z.number().nonnegative() }),
      })
      .refine((gauge) => gauge.thresholds.warning < gauge.thresholds.danger, { error: 'thresholds.warning must be below thresholds.danger' }),
  ),
});

/** Zod issues as one line: "boundaries.north: boundary must be …; manning.default: …". */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(top level)'}: ${issue.message}`).join('; ');
}
