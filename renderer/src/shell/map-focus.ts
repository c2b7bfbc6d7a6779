import { createContext, createElement, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';

/**
 * The seam between the coordination panels and the map (owned by the map work):
 * panels ask the map to fly to an alert's area or a task's location, or to let the user pick a
 * point; the map listens. Geometry is WGS84 GeoJSON, as in the contract.
 */
export type MapGeometry =
  | { type: 'Point'; coordinates: [number, number] }
  | { type: 'Polygon'; coordinates: [number, number][][] }
  | { type: 'MultiPolygon'; coordinates: [number, number][][][] };

export interface MapFocusRequest {
  kind: 'alert' | 'task' | 'unit' | 'place';
  id: string;
  label: string;
  geometry: MapGeometry;
}

/** A request to pick a point on the map; `done` gets [lon, lat], or null if the user cancels. */
export interface MapPickRequest {
  purpose: string;
  done(position: [number, number] | null): void;
}

interface MapFocusChannel {
  focus(request: MapFocusRequest): void;
  pick(request: MapPickRequest): void;
  onFocus(listener: (request: MapFocusRequest) => void): () => void;
  onPick(listener: (request: MapPickRequest) => void): () => void;
  /** Whether a map currently listens for picks (so panels can offer "pick on map"). */
  canPick(): boolean;
}

function createChannel(): MapFocusChannel {
  const focusListeners = new Set<(r: MapFocusRequest) => void>();
  const pickListeners = new Set<(r: MapPickRequest) => void>();
  return {
    focus: (r) => focusListeners.forEach((l) => l(r)),
    pick(r) {
      if (pickListeners.size === 0) r.done(null);
      pickListeners.forEach((l) => l(r));
    },
    onFocus(l) {
      focusListeners.add(l);
      return () => focusListeners.delete(l);
    },
    onPick(l) {
      pickListeners.add(l);
      return () => pickListeners.delete(l);
    },
    canPick: () => pickListeners.size > 0,
  };
}

const MapFocusContext = createContext<MapFocusChannel | null>(null);

export function MapFocusProvider({ children }: { children: ReactNode }) {
  const channel = useMemo(createChannel, []);
  return createElement(MapFocusContext.Provider, { value: channel }, children);
}

export function useMapFocus(): MapFocusChannel {
  const channel = useContext(MapFocusContext);
  if (!channel) throw new Error('useMapFocus outside MapFocusProvider');
  return channel;
}

/** For the map: called with every fly-to request while mounted. */
export function useMapFocusListener(listener: (request: MapFocusRequest) => void): void {
  const channel = useMapFocus();
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => channel.onFocus((r) => ref.current(r)), [channel]);
}

/** For the map: called with every pick request while mounted. */
export function useMapPickListener(listener: (request: MapPickRequest) => void): void {
  const channel = useMapFocus();
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => channel.onPick((r) => ref.current(r)), [channel]);
}
