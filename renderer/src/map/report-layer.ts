import type * as maplibregl from 'maplibre-gl';
import { mapPopup } from './ops-layers.ts';
import type { ReportFeature } from './report-features.ts';

export const reportLayerIds = ['report-groups'] as const;

const purple = '#5b2a86';

/**
 * Public reports, apart from gauges and alerts: purple, sized by how many people reported;
 * unconfirmed ones hollow (a pale fill in a thick ring), confirmed ones solid.
 */
export function addReportLayers(map: maplibregl.Map): void {
  map.addSource('reports', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  const unconfirmed = ['==', ['get', 'review'], 'unconfirmed'];
  map.addLayer({
    id: 'report-groups',
    type: 'circle',
    source: 'reports',
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['coalesce', ['get', 'count'], 1], 1, 7, 20, 15, 100, 22] as never,
      'circle-color': ['case', unconfirmed, '#efe4f8', purple] as never,
      'circle-opacity': 0.9,
      'circle-stroke-color': ['case', unconfirmed, purple, '#ffffff'] as never,
      'circle-stroke-width': ['case', unconfirmed, 3, 2] as never,
    },
  });
}

export function showReports(map: maplibregl.Map, features: { type: 'FeatureCollection'; features: ReportFeature[] }): void {
  void (map.getSource('reports') as maplibregl.GeoJSONSource | undefined)?.setData(features as never);
}

/** A popup for a report marker; text only (report text is the public's, never HTML). */
export function reportPopup(properties: Record<string, unknown>, onOpen?: () => void): HTMLElement {
  return mapPopup(`${properties.review === 'unconfirmed' ? 'Unconfirmed public report' : 'Confirmed public report'}${properties.reconstructed ? ' · reconstructed' : ''}`, String(properties.title), onOpen);
}
