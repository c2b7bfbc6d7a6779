import type { Alert, Task, Unit } from '../../../native/api/ops.ts';
import type { FeatureCollection } from '../../../native/api/scenario.ts';
import type { MapGeometry } from './map-focus.ts';

/** Something on the map the palette can fly to: an asset, a gauge or a named place of the scenario. */
export interface Place {
  id: string;
  name: string;
  group: 'Asset' | 'Gauge' | 'Place';
  geometry: MapGeometry;
}

/** A thing the palette found; `open` shows it. */
export type Find =
  | { kind: 'task'; id: string; label: string }
  | { kind: 'alert'; id: string; label: string }
  | { kind: 'map'; id: string; group: 'Unit' | Place['group']; label: string; geometry: MapGeometry | null };

/** The most finds of one kind shown: the palette stays a short list, never an index. */
export const findsPerKind = 8;

const words = (query: string) => query.toLowerCase().split(/\s+/).filter(Boolean);
const matches = (text: string, ws: string[]) => ws.length > 0 && ws.every((w) => text.toLowerCase().includes(w));

function mapGeometry(geometry: { type: string; coordinates: unknown }): MapGeometry | null {
  return geometry.type === 'Point' || geometry.type === 'Polygon' || geometry.type === 'MultiPolygon' ? (geometry as MapGeometry) : null;
}

/** The named features of the scenario's layers: assets, gauges, then other named places (inflows, observations, …). */
export function scenarioPlaces(layers: Record<string, FeatureCollection>): Place[] {
  const places: Place[] = [];
  for (const [layer, collection] of Object.entries(layers)) {
    const group = layer === 'assets' ? 'Asset' : layer === 'gauges' ? 'Gauge' : 'Place';
    for (const feature of collection.features) {
      const name = feature.properties?.name;
      const geometry = mapGeometry(feature.geometry);
      if (typeof name !== 'string' || !name || !geometry) continue;
      places.push({ id: `${layer}:${String(feature.properties?.id ?? feature.id ?? name)}`, name, group, geometry });
    }
  }
  return places;
}

/** What matches every word of `query`: tasks (already searched by the host), alerts, units and places, at most `findsPerKind` of each. */
export function paletteFinds(query: string, from: { tasks: readonly Task[]; alerts: readonly Alert[]; units: readonly Unit[]; places: readonly Place[] }): Find[] {
  const ws = words(query);
  if (ws.length === 0) return [];
  const tasks = from.tasks.filter((t) => matches(t.title, ws)).slice(0, findsPerKind);
  const alerts = from.alerts.filter((a) => matches(`${a.title} ${a.severity}`, ws)).slice(0, findsPerKind);
  const units = from.units.filter((u) => matches(`${u.name} ${u.kind}`, ws)).slice(0, findsPerKind);
  const places = from.places.filter((p) => matches(`${p.name} ${p.group}`, ws)).slice(0, findsPerKind);
  return [
    ...tasks.map((t): Find => ({ kind: 'task', id: t.id, label: t.title })),
    ...alerts.map((a): Find => ({ kind: 'alert', id: a.id, label: `${a.severity}: ${a.title}` })),
    ...units.map(
      (u): Find => ({ kind: 'map', id: `unit:${u.id}`, group: 'Unit', label: u.location ? u.name : `${u.name} (no location)`, geometry: u.location ? { type: 'Point', coordinates: [u.location.lon, u.location.lat] } : null }),
    ),
    ...places.map((p): Find => ({ kind: 'map', id: p.id, group: p.group, label: p.name, geometry: p.geometry })),
  ];
}
