import * as maplibregl from 'maplibre-gl';
import { Protocol } from 'pmtiles';
import { useEffect, useMemo, useRef, useState } from 'react';
import { addPmtilesBasemap, removeBasemap, type LoadedBasemap } from './basemap.ts';
import { addGeoJsonLayer, removeGeoJsonLayer, type LoadedGeoJson } from './geojson-layer.ts';

/** "Load basemap…": an offline PMTiles pack picked from disk. "Load layer…": a GeoJSON file
 * (parcels, evacuation zones, a partner agency's assets) drawn over it. */
export function BasemapPicker({ map }: { map: maplibregl.Map }) {
  const protocol = useMemo(() => new Protocol(), []);
  const input = useRef<HTMLInputElement>(null);
  const layerInput = useRef<HTMLInputElement>(null);
  const [loaded, setLoaded] = useState<LoadedBasemap | null>(null);
  const [layer, setLayer] = useState<LoadedGeoJson | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    maplibregl.addProtocol('pmtiles', protocol.tile);
    return () => maplibregl.removeProtocol('pmtiles');
  }, [protocol]);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    try {
      const basemap = await addPmtilesBasemap(map, file, (archive) => protocol.add(archive));
      setLoaded(basemap);
      map.getContainer().dataset.basemap = basemap.kind;
    } catch (err) {
      setProblem((err as Error).message);
    }
    if (input.current) input.current.value = '';
  };

  const onLayerFile = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    removeGeoJsonLayer(map, layer);
    setLayer(null);
    delete map.getContainer().dataset.userLayer;
    try {
      setLayer(await addGeoJsonLayer(map, file));
      map.getContainer().dataset.userLayer = 'loaded';
    } catch (err) {
      setProblem((err as Error).message);
    }
    if (layerInput.current) layerInput.current.value = '';
  };

  return (
    <div className="basemap-picker">
      <label className="button-like">
        {loaded ? 'Replace basemap…' : 'Load basemap…'}
        <input ref={input} type="file" accept=".pmtiles" data-testid="basemap-file" onChange={(e) => void onFile(e.target.files?.[0])} />
      </label>
      {loaded && (
        <>
          <span className="basemap-name" title={loaded.name}>
            {loaded.name}
          </span>
          <button
            type="button"
            onClick={() => {
              removeBasemap(map);
              delete map.getContainer().dataset.basemap;
              setLoaded(null);
            }}
          >
            Remove basemap
          </button>
        </>
      )}
      <label className="button-like">
        {layer ? 'Replace layer…' : 'Load layer…'}
        <input ref={layerInput} type="file" accept=".geojson,.json,application/geo+json" data-testid="layer-file" onChange={(e) => void onLayerFile(e.target.files?.[0])} />
      </label>
      {layer && (
        <>
          <span className="basemap-name" title={layer.name}>
            {layer.name} ({(layer.bytes / 1e6).toFixed(1)} MB)
          </span>
          <button
            type="button"
            onClick={() => {
              removeGeoJsonLayer(map, layer);
              delete map.getContainer().dataset.userLayer;
              setLayer(null);
            }}
          >
            Remove layer
          </button>
        </>
      )}
      {problem && (
        <span className="basemap-problem" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}
