import type * as maplibregl from 'maplibre-gl';
import { FileSource, PMTiles, TileType, type Header } from 'pmtiles';
import { layerSlots } from './scenario-style.ts';

export interface LoadedBasemap {
  name: string;
  kind: 'vector' | 'raster';
  layerIds: string[];
  header: Header;
}

interface VectorLayerInfo {
  id: string;
}

/** Colours by layer name for the common schemas (OpenMapTiles, Protomaps, Shortbread). */
function paletteFor(name: string): { fill: string; line: string } {
  const n = name.toLowerCase();
  if (/water|ocean|river|lake/.test(n)) return { fill: '#a9cbe8', line: '#6fa3d0' };
  if (/park|green|wood|forest|landcover|natural/.test(n)) return { fill: '#d5e8c8', line: '#a9c995' };
  if (/building/.test(n)) return { fill: '#d9d0c5', line: '#b5a999' };
  if (/road|street|transport/.test(n)) return { fill: '#ffffff', line: '#ffffff' };
  if (/boundar|admin/.test(n)) return { fill: 'rgba(0,0,0,0)', line: '#9a7fa8' };
  return { fill: '#ebe7df', line: '#c7c0b3' };
}

/**
 * Adds a PMTiles archive chosen from disk as the basemap, read straight from the File (no URL,
 * nothing leaves the machine). `protocol.add` must already be registered with MapLibre as
 * `pmtiles`. Replaces a basemap loaded before.
 */
export async function addPmtilesBasemap(map: maplibregl.Map, file: File, register: (archive: PMTiles) => void): Promise<LoadedBasemap> {
  const archive = new PMTiles(new FileSource(file));
  let header: Header;
  try {
    header = await archive.getHeader();
  } catch (err) {
    throw new Error(`${file.name} is not a PMTiles v3 archive (${(err as Error).message})`, { cause: err });
  }
  register(archive);
  removeBasemap(map);
  const url = `pmtiles://${archive.source.getKey()}`;
  const layerIds: string[] = [];
  const bounds: [number, number, number, number] = [header.minLon, header.minLat, header.maxLon, header.maxLat];
  if (header.tileType === TileType.Mvt) {
    const metadata = (await archive.getMetadata().catch(() => ({}))) as { vector_layers?: VectorLayerInfo[] };
    const vectorLayers = metadata.vector_layers ?? [];
    if (vectorLayers.length === 0) throw new Error(`${file.name} lists no vector layers in its metadata, so there is nothing to draw`);
    map.addSource('basemap', { type: 'vector', url, minzoom: header.minZoom, maxzoom: header.maxZoom, bounds } as maplibregl.VectorSourceSpecification);
    for (const { id } of vectorLayers) {
      const colours = paletteFor(id);
      const base = { source: 'basemap', 'source-layer': id };
      const specs: maplibregl.LayerSpecification[] = [
        { ...base, id: `basemap-${id}-fill`, type: 'fill', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': colours.fill } },
        { ...base, id: `basemap-${id}-line`, type: 'line', filter: ['==', ['geometry-type'], 'LineString'], paint: { 'line-color': colours.line, 'line-width': 1.5 } },
        { ...base, id: `basemap-${id}-point`, type: 'circle', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-color': colours.line, 'circle-radius': 2.5 } },
      ];
      for (const spec of specs) {
        map.addLayer(spec, layerSlots.basemap);
        layerIds.push(spec.id);
      }
    }
    return { name: file.name, kind: 'vector', layerIds, header };
  }
  if (header.tileType === TileType.Png || header.tileType === TileType.Jpeg || header.tileType === TileType.Webp) {
    map.addSource('basemap', { type: 'raster', url, tileSize: 256, minzoom: header.minZoom, maxzoom: header.maxZoom, bounds } as maplibregl.RasterSourceSpecification);
    map.addLayer({ id: 'basemap-raster', type: 'raster', source: 'basemap', paint: { 'raster-fade-duration': 0 } }, layerSlots.basemap);
    return { name: file.name, kind: 'raster', layerIds: ['basemap-raster'], header };
  }
  throw new Error(`${file.name} holds tiles of a kind the map cannot draw (type ${header.tileType})`);
}

export function removeBasemap(map: maplibregl.Map): void {
  for (const layer of map.getStyle().layers) if (layer.id.startsWith('basemap-')) map.removeLayer(layer.id);
  if (map.getSource('basemap')) map.removeSource('basemap');
}
