import * as maplibregl from 'maplibre-gl';
import { featureDiff, type OpsFeatureCollection } from './ops-features.ts';

const severityColor = ['match', ['get', 'severity'], 'Extreme', '#7a0019', 'Severe', '#d7191c', 'Moderate', '#f08a00', 'Minor', '#e6c200', 'critical', '#d7191c', 'high', '#f08a00', 'normal', '#0b5cad', 'low', '#6b7b8c', '#6b7b8c'];

export const opsLayerIds = ['ops-area-fill', 'ops-area-line', 'ops-points'] as const;

/** Alert areas and task locations, above everything but the drawing. */
export function addOpsLayers(map: maplibregl.Map): void {
  map.addSource('ops', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addSource('focus', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  const polygons = ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]] as never;
  map.addLayer({ id: 'ops-area-fill', type: 'fill', source: 'ops', filter: polygons, paint: { 'fill-color': severityColor as never, 'fill-opacity': 0.15 } });
  map.addLayer({ id: 'ops-area-line', type: 'line', source: 'ops', filter: polygons, paint: { 'line-color': severityColor as never, 'line-width': 2 } });
  map.addLayer({
    id: 'ops-points',
    type: 'circle',
    source: 'ops',
    filter: ['==', ['geometry-type'], 'Point'],
    paint: {
      'circle-radius': ['case', ['==', ['get', 'kind'], 'alert'], 9, 7] as never,
      'circle-color': severityColor as never,
      // Tasks are rings, alerts solid; overdue tasks get a thick red ring.
      'circle-stroke-color': ['case', ['get', 'overdue'], '#b00020', '#ffffff'] as never,
      'circle-stroke-width': ['case', ['get', 'overdue'], 4, 2] as never,
    },
  });
  map.addLayer({ id: 'focus-line', type: 'line', source: 'focus', paint: { 'line-color': '#00c2ff', 'line-width': 4, 'line-opacity': 0.9 } });
  map.addLayer({ id: 'focus-point', type: 'circle', source: 'focus', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 14, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#00c2ff', 'circle-stroke-width': 4 } });
}

/**
 * Shows features in the map's ops source: the first collection whole, then only what changed
 * (a move on a 5k-task board changes one marker; sending all of them again cost the page a
 * structured clone and the map's worker a full re-index per change).
 */
export function opsFeaturesShower(map: maplibregl.Map): (features: OpsFeatureCollection) => void {
  let shown: OpsFeatureCollection | null = null;
  return (features) => {
    const source = map.getSource('ops') as maplibregl.GeoJSONSource | undefined;
    if (!source) return;
    const diff = shown && featureDiff(shown, features);
    // A board queried again in full (a reconnection) is all new rows: sending it whole is cheaper.
    if (!shown || (diff && diff.add.length > features.features.length / 2)) void source.setData(features as never);
    else if (diff) void source.updateData(diff as never);
    shown = features;
  };
}

type Geometry = { type: 'Point'; coordinates: [number, number] } | { type: 'Polygon'; coordinates: [number, number][][] } | { type: 'MultiPolygon'; coordinates: [number, number][][][] };

/** Flies to a geometry and rings it. */
export function focusOn(map: maplibregl.Map, geometry: Geometry): void {
  (map.getSource('focus') as maplibregl.GeoJSONSource | undefined)?.setData({ type: 'Feature', properties: {}, geometry } as never);
  if (geometry.type === 'Point') {
    map.flyTo({ center: geometry.coordinates, zoom: Math.max(map.getZoom(), 18) });
    return;
  }
  const bounds = new maplibregl.LngLatBounds();
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  for (const ring of rings) for (const p of ring) bounds.extend(p);
  map.fitBounds(bounds, { padding: 60, maxZoom: 19 });
}

/** A map popup: a kind line, a title and an optional Open button; text only (no HTML from data). */
export function mapPopup(kindText: string, titleText: string, onOpen?: () => void): HTMLElement {
  const box = document.createElement('div');
  box.className = 'map-popup';
  const kind = document.createElement('div');
  kind.className = 'map-popup-kind';
  kind.textContent = kindText;
  const title = document.createElement('div');
  title.className = 'map-popup-title';
  title.textContent = titleText;
  box.append(kind, title);
  if (onOpen) {
    const open = document.createElement('button');
    open.type = 'button';
    open.textContent = 'Open';
    open.addEventListener('click', onOpen);
    box.append(open);
  }
  return box;
}

/** A popup naming an alert or task. */
export function opsPopup(properties: Record<string, unknown>, onOpen?: () => void): HTMLElement {
  return mapPopup(`${properties.kind === 'alert' ? 'Alert' : 'Task'} · ${String(properties.severity)} · ${String(properties.status)}${properties.overdue ? ' · OVERDUE' : ''}`, String(properties.title), onOpen);
}

const assetKindLabel: Record<string, string> = {
  school: 'School',
  hospital: 'Hospital',
  'aged-care': 'Aged care',
  substation: 'Substation',
  underpass: 'Underpass',
  'pumping-station': 'Pumping station',
  'emergency-service': 'Emergency service',
  shelter: 'Shelter',
  other: 'Asset',
};

/** A popup for a scenario feature (asset, gauge, observation point); text only. */
export function scenarioPopup(layer: string, properties: Record<string, unknown>, reading: string | null): HTMLElement {
  const box = document.createElement('div');
  box.className = 'map-popup';
  const kind = document.createElement('div');
  kind.className = 'map-popup-kind';
  const title = document.createElement('div');
  title.className = 'map-popup-title';
  title.textContent = String(properties.name ?? properties.id ?? '');
  const lines: string[] = [];
  if (layer === 'assets') {
    kind.textContent = `${assetKindLabel[String(properties.kind)] ?? 'Asset'}${properties.illustrative ? ' · illustrative, not a real facility' : ''}`;
    if (reading) lines.push(reading);
  } else if (layer === 'gauges') {
    const unit = properties.kind === 'rain' ? 'mm/h' : 'm';
    kind.textContent = properties.kind === 'rain' ? 'Rain gauge' : 'Water-level gauge';
    lines.push(`Warning ${String(properties.warning)} ${unit}, danger ${String(properties.danger)} ${unit}`);
    lines.push(reading ? `Latest: ${reading}` : 'No reading yet');
  } else {
    kind.textContent = 'Surveyed flood mark';
    title.textContent = String(properties.id);
    if (typeof properties.observedPeakStage === 'number') lines.push(`Observed peak level ${properties.observedPeakStage.toFixed(2)} m`);
  }
  box.append(kind, title);
  for (const line of lines) {
    const p = document.createElement('div');
    p.textContent = line;
    box.append(p);
  }
  return box;
}
