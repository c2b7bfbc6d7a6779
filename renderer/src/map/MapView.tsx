import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'react';
import type { ScenarioLayers, ScenarioSummary } from '../../../native/api/index.ts';
import { useHost } from '../bridge/host-context.tsx';
import { scenarioStyle } from './scenario-style.ts';

maplibregl.setWorkerUrl(workerUrl);

export function MapView({ scenario }: { scenario: ScenarioSummary }) {
  const { bridge } = useHost();
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const [west, south, east, north] = scenario.bounds;
    const map = new maplibregl.Map({
      container: container.current!,
      style: scenarioStyle(),
      bounds: [west, south, east, north],
      fitBoundsOptions: { padding: 24 },
      attributionControl: { compact: true, customAttribution: scenario.attribution },
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');

    let cancelled = false;
    const layers = bridge.invoke('scenario.layers', {});
    map.on('load', () => {
      void layers.then((data: ScenarioLayers) => {
        if (cancelled) return;
        for (const [name, collection] of Object.entries(data)) {
          (map.getSource(name) as maplibregl.GeoJSONSource | undefined)?.setData(collection as Parameters<maplibregl.GeoJSONSource['setData']>[0]);
        }
        map.getContainer().dataset.layersLoaded = 'true';
      });
    });
    return () => {
      cancelled = true;
      map.remove();
    };
  }, [bridge, scenario]);

  return <div ref={container} className="map" data-testid="map" />;
}
