// loadScenario: a pack folder → LoadedScenario (see types.ts), every input checked first.
import { activeDomain } from './domain.ts';
import { loadBoundary, loadEdgeSegments } from './edge-segments.ts';
import { ScenarioError } from './errors.ts';
import { readPolygons, type PolygonFeature } from './geojson.ts';
import { loadInflows } from './inflows.ts';
import { gridLonLatBounds } from './lonlat.ts';
import { projectedLonLatBounds } from './projected-lonlat.ts';
import { readAssets, readGauges, readObservations } from './points.ts';
import { forEachCellInPolygon } from './rasterize.ts';
import { readRaster, resampleToGrid } from './raster.ts';
import { readScenarioFile, type PackFile } from './scenario-file.ts';
import { readSeriesCsv } from './series.ts';
import { elevationProblem, maxManningN, maxRainMmPerHour } from './limits.ts';
import type { CrsInfo, EdgeName, GridGeometry, LoadedBoundary, LoadedRainfall, LoadedScenario } from './types.ts';
import { mapZoneOfEpsg } from './map-zone.ts';

// Geographic CRSs a DEM is most often, wrongly, left in; the engine needs metres.
const GEOGRAPHIC = new Set(['EPSG:4326', 'EPSG:4283', 'EPSG:7844', 'EPSG:4269', 'EPSG:4258', 'EPSG:4167', 'EPSG:4617']);

function checkMetricGrid(grid: GridGeometry, crs: string, demFile: string): void {
  if (GEOGRAPHIC.has(crs)) throw new ScenarioError(demFile, `${crs} is a geographic CRS in degrees; reproject the DEM to a projected CRS in metres (its UTM zone)`);
  if (grid.cellSize < 0.01) throw new ScenarioError(demFile, `cell size ${grid.cellSize} is too small to be metres; is the DEM in degrees?`);
}

function checkCrs(expected: string, found: string | null, file: string): void {
  if (found && found !== expected) throw new ScenarioError(file, `CRS ${found} does not match the scenario's ${expected}`);
}

/** The pack's CRS: scenario.json's "crs" and the DEM's own must agree; one of them must exist. */
export function resolveCrs(pack: PackFile, demCrs: string | null, demFile: string): CrsInfo {
  const declared = pack.spec.crs ?? null;
  if (declared && demCrs && declared !== demCrs) {
    throw new ScenarioError(demFile, `CRS ${demCrs} does not match scenario.json's "crs": "${declared}"`);
  }
  const epsg = declared ?? demCrs;
  if (!epsg) throw new ScenarioError(pack.file, `no CRS: give "crs": "EPSG:…" or a .prj beside ${demFile}`);
  return { epsg, utm: mapZoneOfEpsg(epsg) };
}

function polygonMask(grid: GridGeometry, features: PolygonFeature[]): Uint8Array {
  const mask = new Uint8Array(grid.nx * grid.ny);
  for (const feature of features) {
    for (const polygon of feature.polygons) forEachCellInPolygon(grid, polygon, (i) => (mask[i] = 1));
  }
  return mask;
}

/** A raster file in the scenario CRS, sampled at the scenario's cell centres. */
async function readGridOnto(file: string, grid: GridGeometry, crs: string): Promise<Float32Array> {
  const raster = await readRaster(file);
  checkCrs(crs, raster.crs, file);
  return resampleToGrid(raster, grid);
}

async function loadManning(pack: PackFile, grid: GridGeometry, active: Uint8Array, crs: string): Promise<Float32Array> {
  const { manning: spec } = pack.spec;
  const manning = new Float32Array(grid.nx * grid.ny).fill(spec.default);
  if (spec.grid) {
    const file = pack.path(spec.grid);
    const values = await readGridOnto(file, grid, crs);
    for (let i = 0; i < values.length; i++) {
      const n = values[i]!;
      if (Number.isNaN(n)) continue;
      if (!(n > 0) && active[i]) throw new ScenarioError(file, `Manning n must be > 0, found ${n} at cell ${i}`);
      if (n > maxManningN && active[i]) throw new ScenarioError(file, `Manning n must be at most ${maxManningN}, found ${n} at cell ${i}`);
      manning[i] = n;
    }
  }
  for (const zone of spec.zones) {
    const mask = polygonMask(grid, readPolygons(pack.path(zone.file), crs));
    for (let i = 0; i < mask.length; i++) if (mask[i]) manning[i] = zone.n;
  }
  return manning;
}

async function loadRainfall(pack: PackFile, grid: GridGeometry, active: Uint8Array, crs: string): Promise<LoadedRainfall> {
  const spec = pack.spec.rainfall;
  if (!spec) return null;
  if (spec.kind === 'uniform') return { kind: 'uniform', intensity: readSeriesCsv(pack.path(spec.series), 'intensity_mm_per_h', 0, maxRainMmPerHour) };
  const times = Float64Array.from(spec.frames, (frame) => frame.time_s);
  for (let k = 1; k < times.length; k++) {
    if (times[k]! <= times[k - 1]!) throw new ScenarioError(pack.file, `rainfall.frames[${k}]: time_s ${times[k]} is not after the previous ${times[k - 1]}`);
  }
  const frames: Float32Array[] = [];
  for (const frame of spec.frames) {
    const file = pack.path(frame.file);
    const values = await readGridOnto(file, grid, crs);
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (Number.isNaN(v)) {
        if (active[i]) throw new ScenarioError(file, `no rain value (NODATA or outside the rain grid) over active cell ${i}`);
        values[i] = 0;
      } else if (v < 0) throw new ScenarioError(file, `negative rain intensity ${v} at cell ${i}`);
      else if (v > maxRainMmPerHour) throw new ScenarioError(file, `rain intensity ${v} mm/h at cell ${i} is above ${maxRainMmPerHour} mm/h, beyond any recorded rain`);
    }
    frames.push(values);
  }
  return { kind: 'gridded', times, frames };
}

/** Depth at t = 0 from a depth or water-level raster; NODATA and solid cells are dry. */
async function loadInitialWater(pack: PackFile, grid: GridGeometry, ground: Float32Array, solid: Uint8Array, crs: string): Promise<Float32Array | null> {
  const spec = pack.spec.initialWater;
  if (!spec) return null;
  const isLevel = 'level' in spec;
  const file = pack.path(isLevel ? spec.level : spec.depth);
  const values = await readGridOnto(file, grid, crs);
  const depth = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v) || solid[i]) continue;
    if (!Number.isFinite(v)) throw new ScenarioError(file, `${isLevel ? 'water level' : 'depth'} ${v} at cell ${i} is not a number`);
    if (!isLevel && v < 0) throw new ScenarioError(file, `negative depth ${v} at cell ${i}`);
    depth[i] = isLevel ? Math.max(0, v - ground[i]!) : v;
  }
  return depth;
}

function loadBoundaries(pack: PackFile): Record<EdgeName, LoadedBoundary> {
  const edge = (name: EdgeName): LoadedBoundary => loadBoundary(pack.spec.boundaries[name], pack.path);
  return { north: edge('north'), east: edge('east'), south: edge('south'), west: edge('west') };
}

/** Loads and checks a scenario pack folder; a ScenarioError names the file and the problem. */
export async function loadScenario(dir: string): Promise<LoadedScenario> {
  const pack = readScenarioFile(dir);
  const { spec } = pack;
  const demFile = pack.path(spec.dem);
  const dem = await readRaster(demFile);
  const crs = resolveCrs(pack, dem.crs, demFile);
  const { grid } = dem;
  checkMetricGrid(grid, crs.epsg, demFile);
  for (let i = 0; i < dem.values.length; i++) {
    const problem = elevationProblem(dem.values[i]!);
    if (problem) throw new ScenarioError(demFile, `cell ${i}: ${problem}`);
  }
  const cells = grid.nx * grid.ny;

  let inside: Uint8Array = new Uint8Array(cells).fill(1);
  if (spec.extent) {
    const extentFile = pack.path(spec.extent);
    inside = polygonMask(grid, readPolygons(extentFile, crs.epsg));
    if (!inside.includes(1)) throw new ScenarioError(extentFile, 'the extent covers no cell centre of the DEM');
  }
  const active = activeDomain(grid, dem.values, inside, demFile);

  const footprints = spec.buildings ? readPolygons(pack.path(spec.buildings.file), crs.epsg) : [];
  const buildingMask = polygonMask(grid, footprints);
  const mode = spec.buildings?.mode ?? 'raised';
  const heightMeters = spec.buildings?.heightMeters ?? 0;

  const ground = new Float32Array(cells);
  const solid = new Uint8Array(cells);
  let highest = -Infinity;
  for (let i = 0; i < cells; i++) {
    if (!active[i]) continue;
    const z = dem.values[i]! + (mode === 'raised' && buildingMask[i] ? heightMeters : 0);
    ground[i] = z;
    if (z > highest) highest = z;
  }
  for (let i = 0; i < cells; i++) {
    if (!active[i]) {
      ground[i] = highest + 100;
      solid[i] = 1;
    } else if (mode === 'blocked' && buildingMask[i]) solid[i] = 1;
  }

  const manning = await loadManning(pack, grid, active, crs.epsg);
  const observationsSpec = typeof spec.observations === 'string' ? { file: spec.observations } : spec.observations;

  return {
    dir: pack.dir,
    name: spec.name,
    title: spec.title,
    attribution: spec.attribution,
    crs,
    grid,
    cells,
    bareGround: dem.values,
    ground,
    active,
    buildings: { mode, heightMeters, mask: buildingMask, footprints: footprints.length },
    solid,
    manning,
    inflows: loadInflows(spec.inflows, grid, solid, pack.file, pack.path),
    edgeSegments: loadEdgeSegments(spec.edgeSegments, grid, solid, new Set(spec.inflows.map((f) => f.id)), pack.file, pack.path),
    rainfall: await loadRainfall(pack, grid, active, crs.epsg),
    boundaries: loadBoundaries(pack),
    observations: observationsSpec ? readObservations(pack.path(observationsSpec.file), observationsSpec.observedColumn, grid) : [],
    assets: spec.assets ? readAssets(pack.path(spec.assets), grid, crs.epsg) : [],
    gauges: spec.gauges ? readGauges(pack.path(spec.gauges), grid) : [],
    initialDepth: await loadInitialWater(pack, grid, ground, solid, crs.epsg),
    durationSeconds: spec.durationSeconds ?? null,
    engine: spec.engine ?? {},
    lonLatBounds: crs.utm ? gridLonLatBounds(grid, crs.utm) : projectedLonLatBounds(grid, crs.epsg),
  };
}
