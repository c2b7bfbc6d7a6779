import type { StyleSpecification } from 'maplibre-gl';
import { cssColor, hazardRamp } from './ramps.ts';

export const scenarioSources = ['extent', 'areaOfInterest', 'roads', 'buildings', 'inflows', 'observations', 'assets', 'gauges'] as const;

/** Where raster and basemap layers slot in: the layer they go beneath. */
export const layerSlots = {
  /** An offline basemap goes just above the background. */
  basemap: 'extent-fill',
  /** Relief shades the ground but not roads and buildings. */
  hillshade: 'roads',
  /** Water covers roads, not building roofs. */
  flood: 'buildings',
} as const;

/** Gauge reading against its thresholds: 0 below warning, 1 warning, 2 danger (feature-state `level`). */
const gaugeColor = ['match', ['coalesce', ['feature-state', 'level'], -1], 0, '#2e9d4a', 1, '#f0a400', 2, '#c4001d', '#1f78b4'];
/** Asset marker colours: before any run, dry so far, then the hazard ramp's H1–H6 (opaque). */
export const assetColors = {
  none: '#6a3d9a',
  dry: '#7d8b97',
  hazard: hazardRamp.stops.map(({ color: [r, g, b] }) => cssColor([r, g, b, 255])),
} as const;

/** An asset's marker colour for its peak hazard class (0 dry … 6), or null before any run. */
export function assetColor(risk: number | null): string {
  if (risk === null) return assetColors.none;
  return risk > 0 ? assetColors.hazard[Math.min(risk, 6) - 1]! : assetColors.dry;
}

/** The same as a MapLibre expression over feature-state `risk`. */
const assetColorExpression = ['step', ['coalesce', ['feature-state', 'risk'], -1], assetColors.none, 0, assetColors.dry, ...assetColors.hazard.flatMap((color, i) => [i + 1, color])];

/** The base layers' paint for field mode's high-contrast theme (black ground, white buildings and
 * outline), and for the normal theme: applied in place so overlays and sources stay. */
export const contrastPaint = {
  normal: { background: '#dfe3dc', extent: '#f2f0e9', roads: '#c9c4b8', buildings: '#8a7f72', outline: '#3b4a5a' },
  field: { background: '#000000', extent: '#1a1a1a', roads: '#6b6b6b', buildings: '#f5f5f5', outline: '#ffd400' },
} as const;

export function applyContrast(map: { setPaintProperty(layer: string, name: string, value: unknown): void; getLayer(id: string): unknown }, theme: keyof typeof contrastPaint): void {
  const paint = contrastPaint[theme];
  const set = (layer: string, name: string, value: string) => map.getLayer(layer) && map.setPaintProperty(layer, name, value);
  set('background', 'background-color', paint.background);
  set('extent-fill', 'fill-color', paint.extent);
  set('roads', 'fill-color', paint.roads);
  set('buildings', 'fill-color', paint.buildings);
  set('extent-outline', 'line-color', paint.outline);
}

/**
 * An offline style: no tiles, glyphs or sprites from anywhere. Sources are filled with the
 * scenario's own GeoJSON once it arrives.
 */
export function scenarioStyle(): StyleSpecification {
  const empty = (promoteId?: string) => ({
    type: 'geojson' as const,
    data: { type: 'FeatureCollection' as const, features: [] },
    ...(promoteId ? { promoteId } : {}),
  });
  return {
    version: 8,
    sources: Object.fromEntries(scenarioSources.map((name) => [name, empty(name === 'gauges' || name === 'assets' ? 'id' : undefined)])),
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#dfe3dc' } },
      { id: 'extent-fill', type: 'fill', source: 'extent', paint: { 'fill-color': '#f2f0e9', 'fill-opacity': 0.85 } },
      { id: 'roads', type: 'fill', source: 'roads', paint: { 'fill-color': '#c9c4b8', 'fill-opacity': 0.9 } },
      { id: 'buildings', type: 'fill', source: 'buildings', paint: { 'fill-color': '#8a7f72', 'fill-outline-color': '#5e554b' } },
      { id: 'extent-outline', type: 'line', source: 'extent', paint: { 'line-color': '#3b4a5a', 'line-width': 2, 'line-dasharray': [3, 2] } },
      { id: 'area-of-interest', type: 'line', source: 'areaOfInterest', paint: { 'line-color': '#0b5cad', 'line-width': 1.5, 'line-dasharray': [1, 2] } },
      { id: 'inflows', type: 'line', source: 'inflows', paint: { 'line-color': '#0077cc', 'line-width': 5 } },
      {
        id: 'assets',
        type: 'circle',
        source: 'assets',
        paint: { 'circle-radius': 7, 'circle-color': assetColorExpression as never, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 },
      },
      {
        id: 'gauges',
        type: 'circle',
        source: 'gauges',
        paint: { 'circle-radius': 7, 'circle-color': gaugeColor as never, 'circle-stroke-color': '#10202f', 'circle-stroke-width': 2 },
      },
      { id: 'observations', type: 'circle', source: 'observations', paint: { 'circle-radius': 5, 'circle-color': '#e31a1c', 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 } },
    ],
  };
}
