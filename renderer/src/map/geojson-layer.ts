import type * as maplibregl from 'maplibre-gl';
import { layerSlots } from './scenario-style.ts';

export interface LoadedGeoJson {
  name: string;
  bytes: number;
  /** The blob: URL MapLibre's worker reads the file through; revoked on removal. */
  url: string;
}

const layerIds = ['user-layer-fill', 'user-layer-line', 'user-layer-point'] as const;

/**
 * Shows a GeoJSON file from disk (WGS84 lon/lat, RFC 7946) as an extra layer under the water and
 * markers. MapLibre's worker reads and parses it through a blob: URL, so a file of 100 000
 * features never blocks the page. Rejects, leaving nothing behind, if the worker cannot read it.
 */
export function addGeoJsonLayer(map: maplibregl.Map, file: File): Promise<LoadedGeoJson> {
  const url = URL.createObjectURL(file);
  map.addSource('user-layer', { type: 'geojson', data: url });
  const specs: maplibregl.LayerSpecification[] = [
    { id: 'user-layer-fill', type: 'fill', source: 'user-layer', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#7b5ea7', 'fill-opacity': 0.35, 'fill-outline-color': '#5b3f86' } },
    // Polygons outline themselves (fill-outline-color): a line bucket for them too would double the work.
    { id: 'user-layer-line', type: 'line', source: 'user-layer', filter: ['==', ['geometry-type'], 'LineString'], paint: { 'line-color': '#5b3f86', 'line-width': 1 } },
    { id: 'user-layer-point', type: 'circle', source: 'user-layer', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-color': '#5b3f86', 'circle-radius': 3, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 } },
  ];
  for (const spec of specs) map.addLayer(spec, layerSlots.flood);
  const loaded: LoadedGeoJson = { name: file.name, bytes: file.size, url };
  return new Promise((resolve, reject) => {
    const done = () => {
      map.off('error', onError);
      map.off('sourcedata', onData);
    };
    const onError = (event: maplibregl.ErrorEvent & { sourceId?: string }) => {
      if (event.sourceId !== 'user-layer') return;
      done();
      removeGeoJsonLayer(map, loaded);
      reject(new Error(`${file.name} could not be read as GeoJSON: ${event.error.message}`));
    };
    const onData = (event: maplibregl.MapSourceDataEvent) => {
      if (event.sourceId !== 'user-layer' || event.sourceDataType !== 'metadata') return;
      done();
      resolve(loaded);
    };
    map.on('error', onError);
    map.on('sourcedata', onData);
  });
}

export function removeGeoJsonLayer(map: maplibregl.Map, loaded: LoadedGeoJson | null): void {
  for (const id of layerIds) if (map.getLayer(id)) map.removeLayer(id);
  if (map.getSource('user-layer')) map.removeSource('user-layer');
  if (loaded) URL.revokeObjectURL(loaded.url);
}
