import type * as maplibregl from 'maplibre-gl';
import type { GridCorners, Hillshade } from '../../../native/api/scenario.ts';
import { layerSlots } from './scenario-style.ts';

/** Shaded relief from the host, as an image source pinned to the grid corners. */
export function addHillshade(map: maplibregl.Map, hillshade: Hillshade): void {
  map.addSource('hillshade', { type: 'image', url: hillshade.image, coordinates: hillshade.corners });
  map.addLayer(
    { id: 'hillshade', type: 'raster', source: 'hillshade', paint: { 'raster-fade-duration': 0, 'raster-resampling': 'linear' } },
    layerSlots.hillshade,
  );
}

/** A per-cell result overlay (depth, arrival, hazard) fed with ImageData: no URL, no request. */
export interface GridOverlay {
  draw(pixels: ImageData): void;
  setVisible(visible: boolean): void;
}

/** `id` names both the source and the layer; later overlays draw above earlier ones. */
export function addGridOverlay(map: maplibregl.Map, corners: GridCorners, opacity = 0.85, id = 'flood'): GridOverlay {
  map.addSource(id, { type: 'image', coordinates: corners } as maplibregl.ImageSourceSpecification);
  map.addLayer(
    {
      id,
      type: 'raster',
      source: id,
      layout: { visibility: 'none' },
      paint: { 'raster-fade-duration': 0, 'raster-opacity': opacity, 'raster-resampling': 'nearest' },
    },
    layerSlots.flood,
  );
  const source = () => map.getSource(id) as maplibregl.ImageSource;
  return {
    draw(pixels) {
      source().updateImage({ image: pixels });
      map.setLayoutProperty(id, 'visibility', 'visible');
    },
    setVisible(visible) {
      map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
    },
  };
}
