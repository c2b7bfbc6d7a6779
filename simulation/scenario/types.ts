import type { FeatureShape } from './geojson.ts';
// The engine-agnostic result of loading a scenario pack: plain numbers and typed arrays, no
// classes, no I/O handles, so the engine host can structured-clone or transfer it as it is.
import type { EngineSpec } from './schema.ts';
import type { UtmZone } from './utm.ts';

/**
 * A regular raster grid. Row-major, ROW 0 IS THE NORTHERN ROW (the order of ESRI ASCII and
 * GeoTIFF files): cell index = row * nx + col. The cell (col, row) has its centre at
 *   x = xll + (col + 0.5) * cellSize
 *   y = yll + (ny - row - 0.5) * cellSize
 * so the north edge of the domain is row 0, the south edge row ny - 1, the west edge col 0 and
 * the east edge col nx - 1.
 */
export interface GridGeometry {
  nx: number;
  ny: number;
  /** Square cells, metres (projected CRS units). */
  cellSize: number;
  /** Outer lower-left (south-west) corner of the grid, in the scenario CRS. */
  xll: number;
  yll: number;
}

/** A raster read from a file, before any scenario logic. NODATA cells hold NaN. */
export interface Raster {
  grid: GridGeometry;
  /** Row 0 north, as GridGeometry. NaN where the file had NODATA. */
  values: Float32Array;
  /** The CRS the file itself declares (.prj beside it, or GeoTIFF geokeys); null if none. */
  crs: string | null;
}

export interface CrsInfo {
  /** "EPSG:32756". */
  epsg: string;
  /** The zone to place the grid on a lon/lat map: WGS84 UTM (EPSG:326zz / 327zz) exactly, MGA
   * (GDA94 EPSG:283zz, GDA2020 EPSG:78zz) to within the datum shift (< 2 m); null otherwise (no
   * lon/lat output then). */
  utm: UtmZone | null;
}

/** A time series sampled at ascending times. Values between samples interpolate linearly;
 * before the first and after the last sample the value is held at the end value. */
export interface Series {
  /** Seconds from the start of the run, ascending; two equal times make a step change. */
  times: Float64Array;
  values: Float64Array;
}

export interface LoadedInflow {
  id: string;
  kind: 'line' | 'point';
  /** The geometry as given in scenario.json, scenario CRS. One vertex for a point. */
  coordinates: [number, number][];
  /** Active cells receiving the inflow (deduplicated, ascending). */
  cells: Int32Array;
  /** Share of the discharge per cell, same length as `cells`, summing to 1 (by line length
   * inside each cell for lines; 1 for a point). */
  weights: Float32Array;
  /** Discharge, m³/s. */
  hydrograph: Series;
}

export type LoadedRainfall =
  | null
  /** The same intensity everywhere in the active domain; `intensity.values` in mm/h. */
  | { kind: 'uniform'; intensity: Series }
  /** Frame k applies from times[k] (s) until times[k+1]; the last frame holds to the end of the
   * run. Each frame is an intensity grid (mm/h) on the scenario grid (same indexing, no NaN:
   * NODATA is allowed only on inactive cells and reads as 0). */
  | { kind: 'gridded'; times: Float64Array; frames: Float32Array[] };

export type EdgeName = 'north' | 'east' | 'south' | 'west';

export type LoadedBoundary =
  /** Reflective wall: no flow across the edge. */
  | { kind: 'closed' }
  /** Free outflow (water leaves, nothing comes in). */
  | { kind: 'open' }
  /** Fixed water-surface elevation (m, DEM datum) just outside the edge. */
  | { kind: 'level'; level: number }
  /** Time-varying water-surface elevation (m, DEM datum). */
  | { kind: 'levelSeries'; level: Series };

export interface LoadedEdgeSegment {
  id: string;
  edge: EdgeName;
  /** Cells from…to (inclusive) along the edge: from the west end of the north and south edges,
   * from the north end of the east and west ones. */
  from: number;
  to: number;
  boundary:
    | LoadedBoundary
    /** Comes in over the segment, shared equally by its open cells; m³/s in all. */
    | { kind: 'discharge'; cells: Int32Array; hydrograph: Series };
}

export interface LoadedPoint {
  id: string;
  x: number;
  y: number;
  /** Index of the grid cell containing the point (row 0 north). */
  cell: number;
}

export interface LoadedObservation extends LoadedPoint {
  /** The observed peak water-surface elevation (m) from the column the scenario names as
   * observed (`observations.observedColumn`), or null if none is named. */
  observedPeakStage: number | null;
  /** Every numeric column of the observations CSV besides id, x, y (e.g. the TUFLOW stage). */
  columns: Record<string, number>;
}

export type AssetKind =
  | 'school'
  | 'hospital'
  | 'aged-care'
  | 'substation'
  | 'underpass'
  | 'pumping-station'
  | 'emergency-service'
  | 'shelter'
  | 'other';

/** An asset's footprint (scenario CRS): its point, the line it runs along, or its area. x, y and
 * cell are then a point on it: the point, the line's middle vertex, the area's vertex mean. */
export type AssetShape = FeatureShape;

export interface LoadedAsset extends LoadedPoint {
  kind: AssetKind;
  name: string;
  shape: AssetShape;
  /** True for made-up assets that only illustrate the app (never real facilities). */
  illustrative: boolean;
}

export type GaugeKind = 'water-level' | 'rain';

export interface LoadedGauge extends LoadedPoint {
  name: string;
  kind: GaugeKind;
  /** Water depth above ground (m) at which the gauge warns / is in danger. For rain gauges:
   * intensity in mm/h. */
  thresholds: { warning: number; danger: number };
}

export type BuildingMode = 'raised' | 'blocked';

export interface LoadedScenario {
  /** Absolute path of the pack folder. */
  dir: string;
  name: string;
  title: string;
  attribution: string;
  crs: CrsInfo;
  grid: GridGeometry;
  /** Number of cells, nx * ny. */
  cells: number;
  /** Bare-earth DEM (m); NaN where NODATA. */
  bareGround: Float32Array;
  /** The ground the engine should use (m): bare earth, plus heightMeters on building cells when
   * buildings.mode is 'raised'. Inactive cells hold the highest value of the grid + 100 m so a
   * careless stencil never sees NaN; use `active` to treat them as walls. */
  ground: Float32Array;
  /** 1 = inside the extent polygon and with data. Water lives only on active cells; faces
   * between an active and an inactive cell are closed walls. */
  active: Uint8Array;
  buildings: {
    mode: BuildingMode;
    heightMeters: number;
    /** 1 = cell centre inside a building footprint. */
    mask: Uint8Array;
    footprints: number;
  };
  /** 1 = no water may enter: inactive, or a building when buildings.mode is 'blocked'. The
   * engine can use this single mask for walls. */
  solid: Uint8Array;
  /** Manning's n per cell (s/m^(1/3)), always > 0. */
  manning: Float32Array;
  inflows: LoadedInflow[];
  rainfall: LoadedRainfall;
  boundaries: Record<EdgeName, LoadedBoundary>;
  /** Boundaries over parts of edges, over the edges' own (later ones win). */
  edgeSegments: LoadedEdgeSegment[];
  observations: LoadedObservation[];
  assets: LoadedAsset[];
  gauges: LoadedGauge[];
  /** Depth (m) at t = 0 per cell from scenario.json's `initialWater` (0 on solid cells); null:
   * the run starts dry. */
  initialDepth: Float32Array | null;
  /** Suggested simulated duration (s) from scenario.json, or null. */
  durationSeconds: number | null;
  /** scenario.json's `engine`: the scheme and settings the pack runs with ({} = engine defaults). */
  engine: EngineSpec;
  /** Grid bounds in lon/lat degrees [west, south, east, north]; null when the CRS is not a
   * projected CRS the registry knows. */
  lonLatBounds: [number, number, number, number] | null;
}

/** The UI's short description of a pack. */
export interface ScenarioSummary {
  name: string;
  title: string;
  crs: string;
  /** [west, south, east, north] in lon/lat degrees. */
  bounds: [number, number, number, number];
  attribution: string;
}

/** One probe sample for the CSV writer: columns time_s,id,x,y,depth_m,stage_m. */
export interface ProbeSample {
  time: number;
  id: string;
  x: number;
  y: number;
  depth: number;
  stage: number;
}
