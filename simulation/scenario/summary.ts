// What the app needs about a pack without loading it for a run: a summary, map layers in lon/lat,
// and where a pack named on the command line lives.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ScenarioError } from './errors.ts';
import { readPolygons, type PolygonRings } from './geojson.ts';
import { gridLonLatBounds } from './lonlat.ts';
import { readAssets, readGauges, readObservations } from './points.ts';
import { readRasterHeader } from './raster.ts';
import { readScenarioFile, type PackFile } from './scenario-file.ts';
import type { GridGeometry, ScenarioSummary } from './types.ts';
import { resolveCrs } from './load.ts';
import { utmToLonLat, type UtmZone } from './utm.ts';

type LonLat = [number, number];

export interface LayerFeature {
  type: 'Feature';
  id: string;
  properties: Record<string, unknown>;
  geometry: { type: 'Point'; coordinates: LonLat } | { type: 'LineString'; coordinates: LonLat[] } | { type: 'Polygon'; coordinates: LonLat[][] } | { type: 'MultiPolygon'; coordinates: LonLat[][][] };
}

export interface LayerCollection {
  type: 'FeatureCollection';
  features: LayerFeature[];
}

/** Map layers in WGS84 lon/lat (RFC 7946). Empty collections for what the pack does not have. */
export interface ScenarioLayers {
  extent: LayerCollection;
  areaOfInterest: LayerCollection;
  buildings: LayerCollection;
  /** Manning zones whose features have `kind: "road"`. */
  roads: LayerCollection;
  /** Every Manning zone polygon, with its `n`. */
  roughness: LayerCollection;
  inflows: LayerCollection;
  observations: LayerCollection;
  assets: LayerCollection;
  gauges: LayerCollection;
}

interface PackGeo {
  pack: PackFile;
  grid: GridGeometry;
  crs: string;
  utm: UtmZone;
}

async function openPack(dir: string): Promise<PackGeo> {
  const pack = readScenarioFile(dir);
  const demFile = pack.path(pack.spec.dem);
  const header = await readRasterHeader(demFile);
  const crs = resolveCrs(pack, header.crs, demFile);
  if (!crs.utm) throw new ScenarioError(pack.file, `CRS ${crs.epsg} cannot be placed on the map (only WGS84 UTM and MGA zones)`);
  return { pack, grid: header.grid, crs: crs.epsg, utm: crs.utm };
}

/** Name, title, CRS, lon/lat bounds and attribution; reads only scenario.json and the DEM header. */
export async function summarizeScenario(dir: string): Promise<ScenarioSummary> {
  const { pack, grid, crs, utm } = await openPack(dir);
  return { name: pack.spec.name, title: pack.spec.title, crs, bounds: gridLonLatBounds(grid, utm), attribution: pack.spec.attribution };
}

const collection = (features: LayerFeature[]): LayerCollection => ({ type: 'FeatureCollection', features });

export async function scenarioLayers(dir: string): Promise<ScenarioLayers> {
  const { pack, grid, crs, utm } = await openPack(dir);
  const { spec } = pack;
  const toLonLat = ([x, y]: [number, number]): LonLat => {
    const [lon, lat] = utmToLonLat(x, y, utm);
    return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
  };
  const ring = (positions: [number, number][]) => positions.map(toLonLat);
  const polygonGeometry = (polygons: PolygonRings[]): LayerFeature['geometry'] =>
    polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0]!.map(ring) } : { type: 'MultiPolygon', coordinates: polygons.map((p) => p.map(ring)) };
  const polygonLayer = (name: string | undefined, extra: Record<string, unknown> = {}): LayerFeature[] => {
    if (!name) return [];
    return readPolygons(pack.path(name), crs).map((f) => ({ type: 'Feature', id: f.id, properties: { ...f.properties, ...extra, id: f.id }, geometry: polygonGeometry(f.polygons) }));
  };
  const point = (id: string, x: number, y: number, properties: Record<string, unknown>): LayerFeature => ({
    type: 'Feature',
    id,
    properties: { id, ...properties },
    geometry: { type: 'Point', coordinates: toLonLat([x, y]) },
  });

  const roughness = spec.manning.zones.flatMap((zone) => polygonLayer(zone.file, { n: zone.n }));
  const observationsSpec = typeof spec.observations === 'string' ? { file: spec.observations } : spec.observations;
  const observations = observationsSpec ? readObservations(pack.path(observationsSpec.file), observationsSpec.observedColumn, grid) : [];
  const assets = spec.assets ? readAssets(pack.path(spec.assets), grid, crs) : [];
  const gauges = spec.gauges ? readGauges(pack.path(spec.gauges), grid) : [];
  return {
    extent: collection(polygonLayer(spec.extent)),
    areaOfInterest: collection(polygonLayer(spec.areaOfInterest)),
    buildings: collection(polygonLayer(spec.buildings?.file)),
    roads: collection(roughness.filter((f) => f.properties.kind === 'road')),
    roughness: collection(roughness),
    inflows: collection(
      spec.inflows.map((inflow) =>
        inflow.kind === 'point'
          ? point(inflow.id, inflow.point[0], inflow.point[1], { kind: 'inflow', hydrograph: inflow.hydrograph })
          : { type: 'Feature', id: inflow.id, properties: { id: inflow.id, kind: 'inflow', hydrograph: inflow.hydrograph }, geometry: { type: 'LineString', coordinates: inflow.line.map(toLonLat) } },
      ),
    ),
    observations: collection(observations.map((o) => point(o.id, o.x, o.y, { kind: 'observation', observedPeakStage: o.observedPeakStage, ...o.columns }))),
    assets: collection(assets.map((a) => point(a.id, a.x, a.y, { kind: a.kind, name: a.name, illustrative: a.illustrative }))),
    gauges: collection(gauges.map((g) => point(g.id, g.x, g.y, { kind: g.kind, name: g.name, warning: g.thresholds.warning, danger: g.thresholds.danger }))),
  };
}

function isPack(dir: string): boolean {
  return existsSync(join(dir, 'scenario.json'));
}

/** Names of the packs bundled under `<resourcesDir>/scenarios`. */
export function listScenarios(resourcesDir: string): string[] {
  const root = join(resourcesDir, 'scenarios');
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => statSync(join(root, name)).isDirectory() && isPack(join(root, name)))
    .sort();
}

/**
 * A pack folder from what a user typed: a folder holding scenario.json, the scenario.json itself,
 * or the name of a pack bundled under `<resourcesDir>/scenarios/<name>` (resourcesDir is the
 * app's `resources/`).
 */
export function resolveScenarioDir(nameOrDir: string, resourcesDir: string): string {
  const asDir = resolve(nameOrDir);
  if (basename(asDir) === 'scenario.json' && existsSync(asDir) && statSync(asDir).isFile()) return dirname(asDir);
  if (existsSync(asDir) && statSync(asDir).isDirectory()) {
    if (isPack(asDir)) return asDir;
    throw new ScenarioError(asDir, 'not a scenario pack (no scenario.json in this folder)');
  }
  if (/^[a-z0-9][a-z0-9-]*$/.test(nameOrDir)) {
    const bundled = join(resolve(resourcesDir), 'scenarios', nameOrDir);
    if (isPack(bundled)) return bundled;
  }
  const known = listScenarios(resourcesDir);
  throw new ScenarioError(nameOrDir, `no such folder and no bundled scenario of that name (bundled: ${known.length ? known.join(', ') : 'none'})`);
}
