// What a forecast reports on: every asset as the cells it covers (a point its cell, a line the
// cells it crosses, an area the cells inside it) and the roads cut into segments, each its own
// target, so "the road floods" says which stretch.
import { readPolygons, type FeatureShape, type PolygonRings } from '../scenario/geojson.ts';
import { cellAt, cellCentre } from '../scenario/grid.ts';
import { forEachCellInPolygon, lineLengthPerCell } from '../scenario/rasterize.ts';
import { utmToLonLat } from '../scenario/utm.ts';
import { readScenarioFile } from '../scenario/scenario-file.ts';
import type { AssetKind, GridGeometry, LoadedScenario } from '../scenario/types.ts';

export type TargetKind = AssetKind | 'road';
export type TargetGeometry = FeatureShape;

export interface ImpactTarget {
  id: string;
  name: string;
  kind: TargetKind;
  shape: TargetGeometry['type'];
  /** A point to show it at (scenario CRS): the point, or the middle of its cells. */
  x: number;
  y: number;
  /** The same point in WGS 84 [lon, lat] when the scenario's CRS can be placed on the map. */
  lonLat: [number, number] | null;
  /** Grid cells it covers (active ones only). */
  cells: number[];
}

/** Road segments are cut on a square lattice of this size (m). */
export const roadSegmentMeters = 50;

/** The cells one geometry covers on the grid, solid cells left out (no water gets there). */
export function cellsOf(grid: GridGeometry, geometry: TargetGeometry, solid: ArrayLike<number>): number[] {
  const cells = new Set<number>();
  if (geometry.type === 'point') cells.add(cellAt(grid, geometry.at[0], geometry.at[1]));
  else if (geometry.type === 'line') for (const cell of lineLengthPerCell(grid, geometry.line).keys()) cells.add(cell);
  else forEachCellInPolygon(grid, geometry.rings, (cell) => cells.add(cell));
  return [...cells].filter((c) => c >= 0 && !solid[c]).sort((a, b) => a - b);
}

function middle(grid: GridGeometry, cells: number[], fallback: [number, number]): [number, number] {
  if (cells.length === 0) return fallback;
  let sx = 0;
  let sy = 0;
  for (const c of cells) {
    const [x, y] = cellCentre(grid, c);
    sx += x;
    sy += y;
  }
  return [sx / cells.length, sy / cells.length];
}

/** One target from a feature of any shape; null when it covers no wettable cell. */
export function targetOf(grid: GridGeometry, solid: ArrayLike<number>, feature: { id: string; name: string; kind: TargetKind; geometry: TargetGeometry }): ImpactTarget | null {
  const cells = cellsOf(grid, feature.geometry, solid);
  if (cells.length === 0) return null;
  const first = feature.geometry.type === 'point' ? feature.geometry.at : feature.geometry.type === 'line' ? feature.geometry.line[0]! : feature.geometry.rings[0]![0]!;
  const [x, y] = feature.geometry.type === 'point' ? first : middle(grid, cells, first);
  return { id: feature.id, name: feature.name, kind: feature.kind, shape: feature.geometry.type, x, y, lonLat: null, cells };
}

/** A road area cut into segments: its cells grouped by lattice square, named by order along the
 * road's longer axis so neighbouring numbers are neighbouring stretches. */
export function roadSegments(grid: GridGeometry, solid: ArrayLike<number>, road: { id: string; name: string; polygons: PolygonRings[] }): ImpactTarget[] {
  const squares = new Map<string, number[]>();
  for (const rings of road.polygons) {
    forEachCellInPolygon(grid, rings, (cell) => {
      if (solid[cell]) return;
      const [x, y] = cellCentre(grid, cell);
      const key = `${Math.floor(x / roadSegmentMeters)},${Math.floor(y / roadSegmentMeters)}`;
      const list = squares.get(key) ?? [];
      list.push(cell);
      squares.set(key, list);
    });
  }
  const segments = [...squares.values()].map((cells) => ({ cells: [...new Set(cells)].sort((a, b) => a - b), at: middle(grid, cells, [0, 0]) }));
  const xs = segments.map((s) => s.at[0]);
  const ys = segments.map((s) => s.at[1]);
  const alongX = Math.max(...xs) - Math.min(...xs) >= Math.max(...ys) - Math.min(...ys);
  segments.sort((a, b) => (alongX ? a.at[0] - b.at[0] || a.at[1] - b.at[1] : b.at[1] - a.at[1] || a.at[0] - b.at[0]));
  return segments.map((s, k) => ({ id: `${road.id}#${k + 1}`, name: `${road.name}, segment ${k + 1} of ${segments.length}`, kind: 'road', shape: 'area', x: s.at[0], y: s.at[1], lonLat: null, cells: s.cells }));
}

/** Every target of a loaded pack: its assets, then its roads (manning zones of kind "road") cut
 * into segments. */
export function scenarioTargets(scenario: LoadedScenario): ImpactTarget[] {
  const { grid, solid } = scenario;
  const assets = scenario.assets.flatMap((a) => targetOf(grid, solid, { id: a.id, name: a.name, kind: a.kind, geometry: a.shape }) ?? []);
  const pack = readScenarioFile(scenario.dir);
  const roadFeatures = pack.spec.manning.zones.flatMap((zone) => readPolygons(pack.path(zone.file), scenario.crs.epsg).filter((f) => f.properties.kind === 'road'));
  const roadName = (f: (typeof roadFeatures)[number]) => (typeof f.properties.name === 'string' ? f.properties.name : roadFeatures.length === 1 ? 'Road' : `Road ${f.id}`);
  const roads = roadFeatures.flatMap((f) => roadSegments(grid, solid, { id: `road:${f.id}`, name: roadName(f), polygons: f.polygons }));
  const utm = scenario.crs.utm;
  const round = (v: number) => Math.round(v * 1e7) / 1e7;
  return [...assets, ...roads].map((t) => ({ ...t, lonLat: utm ? (utmToLonLat(t.x, t.y, utm).map(round) as [number, number]) : null }));
}
