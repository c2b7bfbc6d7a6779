// Reading the pack's GeoJSON layers (scenario CRS coordinates), checked before any use.
import { ScenarioError } from './errors.ts';
import { readJson } from './files.ts';

type Position = [number, number];
/** One polygon: outer ring then holes, each closed or not. */
export type PolygonRings = Position[][];

export interface PolygonFeature {
  id: string;
  properties: Record<string, unknown>;
  polygons: PolygonRings[];
}

/** A feature that is a point, a line or an area (one polygon, holes allowed). */
export type FeatureShape = { type: 'point'; at: Position } | { type: 'line'; line: Position[] } | { type: 'area'; rings: PolygonRings };

export interface ShapeFeature {
  id: string;
  properties: Record<string, unknown>;
  shape: FeatureShape;
}

interface RawFeature {
  type?: unknown;
  id?: unknown;
  properties?: unknown;
  geometry?: { type?: unknown; coordinates?: unknown } | null;
}

/** The features of a FeatureCollection in the scenario CRS `crs`: a legacy `crs` member, when
 * the file has one, must name the same EPSG code. */
function readCollection(file: string, scenarioCrs: string): RawFeature[] {
  const collection = readJson(file) as { type?: unknown; features?: unknown; crs?: { properties?: { name?: unknown } } };
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw new ScenarioError(file, 'expected a GeoJSON FeatureCollection');
  }
  const crsName = collection.crs?.properties?.name;
  if (crsName !== undefined) {
    const code = typeof crsName === 'string' ? /EPSG:{1,2}(\d+)$/i.exec(crsName) : null;
    if (!code) throw new ScenarioError(file, `crs ${JSON.stringify(crsName)} is not an EPSG code`);
    if (`EPSG:${code[1]}` !== scenarioCrs) throw new ScenarioError(file, `CRS EPSG:${code[1]} does not match the scenario's ${scenarioCrs}`);
  }
  return collection.features as RawFeature[];
}

function position(value: unknown, where: string, file: string): Position {
  if (!Array.isArray(value) || value.length < 2 || !Number.isFinite(value[0]) || !Number.isFinite(value[1])) {
    throw new ScenarioError(file, `${where}: bad coordinate ${JSON.stringify(value)?.slice(0, 60)}`);
  }
  return [value[0] as number, value[1] as number];
}

function rings(value: unknown, where: string, file: string): PolygonRings {
  if (!Array.isArray(value) || value.length === 0) throw new ScenarioError(file, `${where}: a polygon needs at least one ring`);
  return value.map((ring, r) => {
    if (!Array.isArray(ring) || ring.length < 3) throw new ScenarioError(file, `${where}: ring ${r} needs at least 3 positions`);
    return ring.map((p) => position(p, where, file));
  });
}

function featureId(feature: RawFeature, index: number): string {
  const props = feature.properties as Record<string, unknown> | null | undefined;
  const id = feature.id ?? props?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : `#${index}`;
}

export function readPolygons(file: string, crs: string): PolygonFeature[] {
  return readCollection(file, crs).map((feature, index) => {
      const id = featureId(feature, index);
      const where = `feature ${id}`;
      const geometry = feature.geometry;
      let polygons: PolygonRings[];
      if (geometry?.type === 'Polygon') polygons = [rings(geometry.coordinates, where, file)];
      else if (geometry?.type === 'MultiPolygon' && Array.isArray(geometry.coordinates)) {
        polygons = geometry.coordinates.map((polygon) => rings(polygon, where, file));
      } else throw new ScenarioError(file, `${where}: expected a Polygon or MultiPolygon, found ${String(geometry?.type)}`);
      return { id, properties: (feature.properties as Record<string, unknown>) ?? {}, polygons };
  });
}

/** Points, LineStrings and Polygons, each as its shape. */
export function readShapes(file: string, crs: string): ShapeFeature[] {
  return readCollection(file, crs).map((feature, index) => {
    const id = featureId(feature, index);
    const where = `feature ${id}`;
    const geometry = feature.geometry;
    const properties = (feature.properties as Record<string, unknown>) ?? {};
    if (geometry?.type === 'Point') return { id, properties, shape: { type: 'point', at: position(geometry.coordinates, where, file) } };
    if (geometry?.type === 'LineString') {
      if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length < 2) throw new ScenarioError(file, `${where}: a LineString needs at least 2 positions`);
      return { id, properties, shape: { type: 'line', line: geometry.coordinates.map((p) => position(p, where, file)) } };
    }
    if (geometry?.type === 'Polygon') return { id, properties, shape: { type: 'area', rings: rings(geometry.coordinates, where, file) } };
    throw new ScenarioError(file, `${where}: expected a Point, LineString or Polygon, found ${String(geometry?.type)}`);
  });
}
