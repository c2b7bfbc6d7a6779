import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ScenarioLayers, ScenarioSummary } from '../../../native/api/index.ts';
import type { SimFrame } from '../../../native/api/sim.ts';
import { useHost } from '../bridge/host-context.tsx';
import { useMapFocusListener, useMapPickListener } from '../shell/map-focus.ts';
import { BasemapPicker } from './BasemapPicker.tsx';
import { useOptionalDrawStore } from './draw-context.tsx';
import { attachDrawing } from './draw-layer.ts';
import type { DrawnGeometry } from './draw-state.ts';
import { DrawCross, DrawToolbar } from './DrawToolbar.tsx';
import { assetRiskDetail, assetRiskLabel, assetRiskShort, assetsAtRisk } from './asset-risk.ts';
import { rampFor, type OverlayView } from './flood-view.ts';
import { gaugeLevel, gaugesFromLayer } from '../gauges/gauge-series.ts';
import { FloodLegend } from './FloodLegend.tsx';
import { LayerToggles } from './LayerToggles.tsx';
import { addOpsLayers, focusOn, opsFeaturesShower, opsLayerIds, opsPopup, scenarioPopup } from './ops-layers.ts';
import { useOpsFeatures } from './use-ops-features.ts';
import { reportFeatures } from './report-features.ts';
import { addReportLayers, reportLayerIds, reportPopup, showReports } from './report-layer.ts';
import { useSharedSimRun } from './sim-run-context.tsx';
import { addGridOverlay, addHillshade, type GridOverlay } from './raster-layers.ts';
import { createFramePainter, unpackFrame, type FrameCodes } from './flood-frame.ts';
import { latestOnly } from './latest-only.ts';
import { applyContrast, scenarioStyle } from './scenario-style.ts';
import { useUiPrefs } from '../shell/ui-prefs.tsx';
import { useAlertsView, useOptionalSensorsView, useReportsView } from '../data/data-context.tsx';
import { useClock } from '../shell/clock-context.tsx';
import { useWhatIfLayer } from './use-whatif-layer.ts';
import { WhatIfLegend } from './WhatIfLegend.tsx';
import { useWhatIfOverlay } from './whatif-overlay.tsx';
import './map.css';

maplibregl.setWorkerUrl(workerUrl);

export interface GaugeMarkerValue {
  /** The latest reading, in the gauge's unit. */
  value: number;
  unit: string;
  /** 0 below warning, 1 warning, 2 danger. */
  level: 0 | 1 | 2;
  /** A live reading's age and quality flags ("12 s · spike"); absent for the model's. */
  note?: string;
  flagged?: boolean;
}

export interface MapViewProps {
  scenario: ScenarioSummary;
  /** Latest reading per gauge id; by default the simulation's probe depths. */
  gauges?: Readonly<Record<string, GaugeMarkerValue>>;
  /** Called with every geometry the user finishes drawing. */
  onDrawn?(geometry: DrawnGeometry): void;
  /** Called when the user opens an alert or task from its map marker. */
  onOpen?(item: { kind: 'alert' | 'task'; id: string }): void;
}

interface Paint {
  frame: SimFrame;
  view: OverlayView;
}

interface Drawn extends Paint {
  image: ImageData;
}

const centreOf = ([west, south, east, north]: readonly number[]): [number, number] => [(west! + east!) / 2, (south! + north!) / 2];

/** Popups near the top open downward: the map's tool bars cover the top edge. */
const popupAnchor = (event: maplibregl.MapMouseEvent): maplibregl.PositionAnchor | undefined => (event.point.y < 180 ? 'top' : undefined);

export function MapView({ scenario, gauges, onDrawn, onOpen }: MapViewProps) {
  const { bridge } = useHost();
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<maplibregl.Map | null>(null);
  const [overlay, setOverlay] = useState<GridOverlay | null>(null);
  const [whatIfOverlay, setWhatIfOverlay] = useState<GridOverlay | null>(null);
  const [view, setView] = useState<OverlayView>('depth');
  const [problem, setProblem] = useState<string | null>(null);
  const [layersData, setLayersData] = useState<ScenarioLayers | null>(null);
  const sim = useSharedSimRun();
  const draw = useOptionalDrawStore();
  const opsFeatures = useOpsFeatures();
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;

  useEffect(() => {
    const [west, south, east, north] = scenario.bounds;
    const instance = new maplibregl.Map({
      container: container.current!,
      style: scenarioStyle(),
      bounds: [west, south, east, north],
      fitBoundsOptions: { padding: 24 },
      attributionControl: { compact: true, customAttribution: scenario.attribution },
      canvasContextAttributes: { preserveDrawingBuffer: true },
      maxZoom: 22,
    });
    instance.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    instance.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');

    // The scenario stays framed, clear of the tools along the top, as the pane settles or resizes
    // (a tab shown, the window resized), until the user moves the map themselves.
    const padding = () => {
      const tools = instance.getContainer().parentElement?.querySelector('.map-tools')?.getBoundingClientRect().height ?? 0;
      return { top: Math.round(tools) + 12, bottom: 36, left: 16, right: 16 };
    };
    let framed = true;
    const frame = () => {
      instance.resize();
      const { clientWidth, clientHeight } = instance.getContainer();
      if (framed && clientWidth > 0 && clientHeight > 0) instance.fitBounds([west, south, east, north], { padding: padding(), animate: false }, { framing: true });
    };
    instance.on('movestart', (e) => {
      if (!(e as { framing?: boolean }).framing) framed = false;
    });
    const resized = new ResizeObserver(frame);
    resized.observe(instance.getContainer());

    let cancelled = false;
    let detachDrawing: (() => void) | null = null;
    const layers = bridge.invoke('scenario.layers', {});
    const hillshade = bridge.invoke('scenario.hillshade', {});
    const gridInfo = bridge.invoke('scenario.grid', {});
    instance.on('load', () => {
      if (cancelled) return;
      // The compact attribution starts open and would cover the bottom of a small map; the status
      // bar carries the attribution too, and the (i) button reopens it.
      instance.getContainer().querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show');
      addReportLayers(instance);
      addOpsLayers(instance);
      detachDrawing = attachDrawing(instance, draw);
      void layers.then((data: ScenarioLayers) => {
        if (cancelled) return;
        for (const [name, collection] of Object.entries(data)) {
          (instance.getSource(name) as maplibregl.GeoJSONSource | undefined)?.setData(collection as Parameters<maplibregl.GeoJSONSource['setData']>[0]);
        }
        instance.getContainer().dataset.layersLoaded = 'true';
        setLayersData(data);
      });
      void hillshade.then(
        (relief) => {
          if (cancelled) return;
          addHillshade(instance, relief);
          instance.once('idle', () => {
            if (!cancelled) instance.getContainer().dataset.hillshade = 'drawn';
          });
        },
        (err: Error) => !cancelled && setProblem(`Relief unavailable: ${err.message}`),
      );
      void gridInfo.then(
        (info) => {
          if (cancelled) return;
          setOverlay(addGridOverlay(instance, info.corners));
          setWhatIfOverlay(addGridOverlay(instance, info.corners, 0.9, 'whatif-diff'));
        },
        (err: Error) => !cancelled && setProblem(`Flood overlay unavailable: ${err.message}`),
      );
      setMap(instance);
    });
    return () => {
      cancelled = true;
      resized.disconnect();
      detachDrawing?.();
      setMap(null);
      setOverlay(null);
      setWhatIfOverlay(null);
      instance.remove();
    };
  }, [bridge, scenario, draw]);

  // Field mode's high-contrast theme reaches the map's own ground, roads and buildings.
  const { fieldMode } = useUiPrefs();
  useEffect(() => {
    if (map) applyContrast(map, fieldMode ? 'field' : 'normal');
  }, [map, fieldMode]);

  // Paint the chosen view of the shown frame into the overlay: unpacked and coloured here, with the
  // ramps of ramps.ts; at most one frame in the works, the newest asked for next.
  // null follows the run live; a number replays that frame of it.
  const [replayIndex, setReplayIndex] = useState<number | null>(null);
  const shownFrame = replayIndex === null ? sim.frame : (sim.frames[Math.min(replayIndex, sim.frames.length - 1)] ?? null);
  const [drawn, setDrawn] = useState<{ view: OverlayView; time: number; durationSeconds: number } | null>(null);
  const [paintError, setPaintError] = useState<string | null>(null);
  const painter = useRef<ReturnType<typeof latestOnly<Paint, Drawn>> | null>(null);
  useEffect(() => {
    if (!overlay || !map) return;
    const colours = createFramePainter();
    let unpacked: { frame: SimFrame; codes: Promise<FrameCodes> } | null = null;
    let pixels: Uint8ClampedArray<ArrayBuffer> | undefined;
    const latest = latestOnly(
      async ({ frame, view: which }: Paint): Promise<Drawn> => {
        if (unpacked?.frame !== frame) unpacked = { frame, codes: unpackFrame(frame) };
        const codes = await unpacked.codes;
        pixels = colours.paint(which, frame, codes, pixels);
        return { frame, view: which, image: new ImageData(pixels, codes.width, codes.height) };
      },
      ({ frame, view: which, image }) => {
        overlay.draw(image);
        map.getContainer().dataset.overlay = which;
        // Which moment is drawn, for tests and the frame benchmark.
        map.getContainer().dataset.overlayTime = String(frame.time);
        setDrawn({ view: which, time: frame.time, durationSeconds: frame.durationSeconds });
        setPaintError(null);
      },
      (err) => setPaintError(err.message),
    );
    painter.current = latest;
    return () => {
      latest.close();
      painter.current = null;
    };
  }, [overlay, map]);
  useEffect(() => {
    if (!overlay || !map) return;
    if (shownFrame) painter.current?.request({ frame: shownFrame, view });
    else {
      overlay.setVisible(false);
      delete map.getContainer().dataset.overlay;
      delete map.getContainer().dataset.overlayTime;
      setDrawn(null);
    }
  }, [overlay, map, shownFrame, view]);
  const shownRamp = drawn?.view === view ? rampFor(view, drawn.durationSeconds) : null;
  const shownTime = drawn?.view === view ? drawn.time : null;

  // The assets' water at the shown time: the replayed frame's, else the run's end, else the latest frame's.
  const finishedAssets = sim.finished && sim.finished.outcome !== 'failed' ? sim.finished.assets : null;
  const shownAssets = (replayIndex !== null ? shownFrame?.assets : (finishedAssets ?? sim.frame?.assets)) ?? null;

  // Gauge readings: given, or each gauge's live sensor reading where one reports, else the latest
  // probe depth, against the gauge's thresholds.
  const frameProbes = shownFrame?.probes;
  const liveReadings = useOptionalSensorsView().latest;
  const clockNow = useClock()?.now ?? null;
  const gaugeReadings = useMemo(() => {
    if (gauges) return gauges;
    if (!layersData) return undefined;
    const readings: Record<string, GaugeMarkerValue> = {};
    for (const gauge of gaugesFromLayer(layersData.gauges)) {
      const live = liveReadings[gauge.id];
      const probe = frameProbes?.find((p) => p.id === gauge.id);
      if (live) {
        const age = clockNow === null ? '' : ` · ${Math.max(0, Math.round((clockNow - live.time) / 1000))} s`;
        readings[gauge.id] = { value: live.value, unit: gauge.unit, level: gaugeLevel(live.value, gauge.thresholds), note: `${age}${live.flags.length ? ` · ${live.flags.join(', ')}` : ''}`, flagged: live.flags.length > 0 };
      } else if (probe) readings[gauge.id] = { value: probe.depth, unit: gauge.unit, level: gaugeLevel(probe.depth, gauge.thresholds) };
    }
    return Object.keys(readings).length > 0 ? readings : undefined;
  }, [gauges, frameProbes, layersData, liveReadings, clockNow]);

  const showOps = useMemo(() => map && opsFeaturesShower(map), [map]);
  useEffect(() => showOps?.(opsFeatures), [showOps, opsFeatures]);

  const reportGroups = useReportsView().groups;
  const allAlerts = useAlertsView().all;
  const reportMarkers = useMemo(() => reportFeatures(reportGroups ?? [], allAlerts ?? []), [reportGroups, allAlerts]);
  useEffect(() => {
    if (!map) return;
    showReports(map, reportMarkers);
    map.getContainer().dataset.reportMarkers = String(reportMarkers.features.length);
  }, [map, reportMarkers]);

  // Popups for alert, task and report markers (not while drawing: clicks then place vertices).
  useEffect(() => {
    if (!map) return;
    const onClick = (event: maplibregl.MapLayerMouseEvent) => {
      if (draw.snapshot().mode) return;
      const feature = event.features?.[0];
      if (!feature) return;
      const props = feature.properties as Record<string, unknown>;
      const report = feature.layer.id === 'report-groups';
      const item = report ? (typeof props.alertId === 'string' ? { kind: 'alert' as const, id: props.alertId } : null) : { kind: props.kind as 'alert' | 'task', id: String(props.id) };
      const popup = new maplibregl.Popup({ closeButton: true, maxWidth: '18rem', anchor: popupAnchor(event) }).setLngLat(event.lngLat);
      const open = item && onOpenRef.current ? () => (onOpenRef.current?.(item), popup.remove()) : undefined;
      popup.setDOMContent(report ? reportPopup(props, open) : opsPopup(props, open)).addTo(map);
    };
    const pointer = () => (map.getCanvas().style.cursor = draw.snapshot().mode ? 'crosshair' : 'pointer');
    const leave = () => (map.getCanvas().style.cursor = draw.snapshot().mode ? 'crosshair' : '');
    for (const id of [...opsLayerIds, ...reportLayerIds]) {
      map.on('click', id, onClick);
      map.on('mouseenter', id, pointer);
      map.on('mouseleave', id, leave);
    }
    return () => {
      for (const id of [...opsLayerIds, ...reportLayerIds]) {
        map.off('click', id, onClick);
        map.off('mouseenter', id, pointer);
        map.off('mouseleave', id, leave);
      }
    };
  }, [map, draw]);

  // Gauge colours as feature state; gauge values as small labels beside them.
  useEffect(() => {
    const gauges = gaugeReadings;
    if (!map || !gauges) return;
    const markers: maplibregl.Marker[] = [];
    const source = map.getSource('gauges') as maplibregl.GeoJSONSource | undefined;
    void source?.getData().then((data) => {
      for (const feature of (data as { features: { id?: string | number; geometry: { coordinates: [number, number] } }[] }).features) {
        const reading = gauges[String(feature.id)];
        if (!reading) continue;
        map.setFeatureState({ source: 'gauges', id: String(feature.id) }, { level: reading.level });
        const label = document.createElement('div');
        label.className = `gauge-label gauge-level-${reading.level}${reading.flagged ? ' gauge-label-flagged' : ''}`;
        label.dataset.testid = `gauge-label-${String(feature.id)}`;
        label.textContent = `${reading.value.toFixed(2)} ${reading.unit}${reading.note ?? ''}`;
        markers.push(new maplibregl.Marker({ element: label, anchor: 'left', offset: [10, 0] }).setLngLat(feature.geometry.coordinates).addTo(map));
      }
    });
    return () => markers.forEach((m) => m.remove());
  }, [map, gaugeReadings]);

  // Names and readings of assets, gauges and flood marks on click (there are no text labels).
  const readingsRef = useRef(gaugeReadings);
  readingsRef.current = gaugeReadings;
  const assetsRef = useRef(shownAssets);
  assetsRef.current = shownAssets;
  useEffect(() => {
    if (!map) return;
    const layers = ['assets', 'gauges', 'observations'] as const;
    const onClick = (event: maplibregl.MapLayerMouseEvent) => {
      if (draw.snapshot().mode) return;
      const feature = event.features?.[0];
      if (!feature) return;
      const props = feature.properties as Record<string, unknown>;
      const reading = readingsRef.current?.[String(props.id)];
      const asset = feature.layer.id === 'assets' ? assetsRef.current?.find((a) => a.id === String(props.id)) : undefined;
      const text = asset ? assetRiskDetail(asset) : reading ? `${reading.value.toFixed(2)} ${reading.unit}` : null;
      new maplibregl.Popup({ maxWidth: '18rem', anchor: popupAnchor(event) }).setLngLat(event.lngLat).setDOMContent(scenarioPopup(feature.layer.id, props, text)).addTo(map);
    };
    const pointer = () => (map.getCanvas().style.cursor = draw.snapshot().mode ? 'crosshair' : 'pointer');
    const leave = () => (map.getCanvas().style.cursor = draw.snapshot().mode ? 'crosshair' : '');
    for (const id of layers) {
      map.on('click', id, onClick);
      map.on('mouseenter', id, pointer);
      map.on('mouseleave', id, leave);
    }
    return () => {
      for (const id of layers) {
        map.off('click', id, onClick);
        map.off('mouseenter', id, pointer);
        map.off('mouseleave', id, leave);
      }
    };
  }, [map, draw]);

  // Asset markers coloured by their peak hazard class; the ones the water reaches get a label
  // ("H4 · 6 min") whose accessible name and tooltip say it in full.
  const assetPoints = useMemo(() => {
    const points = new Map<string, [number, number]>();
    for (const feature of layersData?.assets.features ?? []) {
      const id = String(feature.properties?.id ?? feature.id ?? '');
      if (id && feature.geometry.type === 'Point') points.set(id, feature.geometry.coordinates as [number, number]);
    }
    return points;
  }, [layersData]);
  useEffect(() => {
    if (!map || !layersData) return;
    map.removeFeatureState({ source: 'assets' });
    if (!shownAssets) return;
    const markers: maplibregl.Marker[] = [];
    for (const asset of shownAssets) map.setFeatureState({ source: 'assets', id: asset.id }, { risk: asset.hazard });
    for (const asset of assetsAtRisk(shownAssets)) {
      const at = assetPoints.get(asset.id);
      if (!at) continue;
      const label = document.createElement('div');
      label.className = `asset-risk-label asset-risk-${asset.hazard}`;
      label.setAttribute('role', 'img');
      label.setAttribute('aria-label', assetRiskLabel(asset));
      label.title = assetRiskLabel(asset);
      label.textContent = assetRiskShort(asset);
      markers.push(new maplibregl.Marker({ element: label, anchor: 'right', offset: [-10, 0] }).setLngLat(at).addTo(map));
    }
    return () => markers.forEach((m) => m.remove());
  }, [map, layersData, assetPoints, shownAssets]);

  const whatIf = useWhatIfOverlay();
  const whatIfProblem = useWhatIfLayer(map, whatIfOverlay, whatIf.shown);

  useMapFocusListener((request) => map && focusOn(map, request.geometry));
  useMapPickListener((request) => {
    void draw.request('point', request.purpose, { pick: true }).then((geometry) => request.done(geometry?.type === 'Point' ? geometry.coordinates : null));
  });

  useEffect(() => {
    if (!onDrawn) return;
    let last = draw.snapshot().last;
    return draw.subscribe((snapshot) => {
      if (snapshot.last && snapshot.last !== last) onDrawn(snapshot.last);
      last = snapshot.last;
    });
  }, [draw, onDrawn]);

  return (
    <div className="map-view">
      <div ref={container} className="map" data-testid="map" />
      <div className="map-tools">
        <DrawToolbar store={draw} centre={() => (map ? map.getCenter().toArray() : [...centreOf(scenario.bounds)])} />
        {map && <LayerToggles map={map} />}
        {map && <BasemapPicker map={map} />}
        {whatIf.shown && <WhatIfLegend shown={whatIf.shown} onHide={() => whatIf.show(null)} />}
      </div>
      <DrawCross store={draw} />
      <FloodLegend
        view={view}
        onView={setView}
        ramp={shownRamp}
        assets={shownAssets}
        onFocusAsset={(id) => {
          const at = assetPoints.get(id);
          if (map && at) focusOn(map, { type: 'Point', coordinates: at });
        }}
        time={shownTime}
        sim={sim}
        replayIndex={replayIndex}
        onReplay={setReplayIndex}
      />
      {paintError && (
        <p className="map-problem" role="status">
          Flood overlay could not be drawn: {paintError}
        </p>
      )}
      {whatIfProblem && (
        <p className="map-problem" role="status">
          {whatIfProblem}
        </p>
      )}
      {problem && (
        <p className="map-problem" role="status">
          {problem}
        </p>
      )}
    </div>
  );
}
