import type { StyleSpecification } from 'maplibre-gl';

export const scenarioSources = ['extent', 'areaOfInterest', 'roads', 'buildings', 'inflows', 'observations', 'assets', 'gauges'] as const;

/**
 * An offline style: no tiles, glyphs or sprites from anywhere. Sources are filled with the
 * scenario's own GeoJSON once it arrives.
 */
export function scenarioStyle(): StyleSpecification {
  const empty = { type: 'geojson' as const, data: { type: 'FeatureCollection' as const, features: [] } };
  return {
    version: 8,
    sources: Object.fromEntries(scenarioSources.map((name) => [name, empty])),
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#dfe3dc' } },
      { id: 'extent-fill', type: 'fill', source: 'extent', paint: { 'fill-color': '#f2f0e9' } },
      { id: 'roads', type: 'fill', source: 'roads', paint: { 'fill-color': '#c9c4b8' } },
      { id: 'buildings', type: 'fill', source: 'buildings', paint: { 'fill-color': '#8a7f72', 'fill-outline-color': '#5e554b' } },
      { id: 'extent-outline', type: 'line', source: 'extent', paint: { 'line-color': '#3b4a5a', 'line-width': 2, 'line-dasharray': [3, 2] } },
      { id: 'area-of-interest', type: 'line', source: 'areaOfInterest', paint: { 'line-color': '#0b5cad', 'line-width': 1.5, 'line-dasharray': [1, 2] } },
      { id: 'inflows', type: 'line', source: 'inflows', paint: { 'line-color': '#0077cc', 'line-width': 5 } },
      { id: 'assets', type: 'circle', source: 'assets', paint: { 'circle-radius': 7, 'circle-color': '#6a3d9a', 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } },
      { id: 'gauges', type: 'circle', source: 'gauges', paint: { 'circle-radius': 6, 'circle-color': '#1f78b4', 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } },
      { id: 'observations', type: 'circle', source: 'observations', paint: { 'circle-radius': 5, 'circle-color': '#e31a1c', 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 } },
    ],
  };
}
