// What the user is drawing on the map, and who asked for it. Forms (alerts, tasks, pumps and
// barriers later) call `request('polygon', 'Alert area')` and await the GeoJSON geometry; the map
// feeds clicks in with `add`, and Enter / double-click / a click on the first vertex finishes.

export type LonLat = [number, number];
export type DrawMode = 'point' | 'line' | 'polygon';

export type DrawnGeometry =
  | { type: 'Point'; coordinates: LonLat }
  | { type: 'LineString'; coordinates: LonLat[] }
  | { type: 'Polygon'; coordinates: LonLat[][] };

export interface DrawSnapshot {
  /** null when nothing is being drawn. */
  mode: DrawMode | null;
  /** What the drawing is for, shown to the user ("Alert area"). */
  purpose: string;
  vertices: readonly LonLat[];
  /** The last finished geometry (kept until another drawing finishes or it is cleared). */
  last: DrawnGeometry | null;
  /** Why the last finish was refused, if it was. */
  problem: string | null;
}

export interface DrawStore {
  snapshot(): DrawSnapshot;
  subscribe(listener: (snapshot: DrawSnapshot) => void): () => void;
  /** Starts a drawing; resolves with the geometry, or null when cancelled or replaced by another request.
   * A `pick` answers the caller only: it does not become `last`, the drawing the map offers to use. */
  request(mode: DrawMode, purpose: string, options?: { pick?: boolean }): Promise<DrawnGeometry | null>;
  add(position: LonLat): void;
  undo(): void;
  /** Finishes the drawing if it has enough vertices; otherwise sets `problem`. */
  finish(): void;
  cancel(): void;
  clear(): void;
}

const MIN_VERTICES: Record<DrawMode, number> = { point: 1, line: 2, polygon: 3 };

/** The geometry for `vertices`, or a sentence saying what is missing. Polygons come back closed. */
export function geometryOf(mode: DrawMode, vertices: readonly LonLat[]): DrawnGeometry | string {
  const distinct = vertices.filter((v, i) => i === 0 || v[0] !== vertices[i - 1]![0] || v[1] !== vertices[i - 1]![1]);
  if (distinct.length < MIN_VERTICES[mode]) {
    const need = MIN_VERTICES[mode];
    return `${mode === 'polygon' ? 'An area' : `A ${mode}`} needs at least ${need} point${need > 1 ? 's' : ''} (${distinct.length} placed).`;
  }
  const copy = distinct.map(([lon, lat]): LonLat => [lon, lat]);
  if (mode === 'point') return { type: 'Point', coordinates: copy.at(-1)! };
  if (mode === 'line') return { type: 'LineString', coordinates: copy };
  const [first] = copy;
  const last = copy.at(-1)!;
  const ring = first![0] === last[0] && first![1] === last[1] ? copy : [...copy, [first![0], first![1]] as LonLat];
  if (ring.length < 4) return 'An area needs at least 3 distinct points.';
  return { type: 'Polygon', coordinates: [ring] };
}

export function createDrawStore(): DrawStore {
  let state: DrawSnapshot = { mode: null, purpose: '', vertices: [], last: null, problem: null };
  let pending: ((geometry: DrawnGeometry | null) => void) | null = null;
  let picking = false;
  const listeners = new Set<(snapshot: DrawSnapshot) => void>();
  const set = (next: Partial<DrawSnapshot>) => {
    state = { ...state, ...next };
    listeners.forEach((l) => l(state));
  };
  const settle = (geometry: DrawnGeometry | null) => {
    const resolve = pending;
    pending = null;
    resolve?.(geometry);
  };

  const store: DrawStore = {
    snapshot: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    request(mode, purpose, options) {
      settle(null);
      picking = options?.pick === true;
      set({ mode, purpose, vertices: [], problem: null });
      return new Promise((resolve) => {
        pending = resolve;
      });
    },
    add(position) {
      if (!state.mode) return;
      set({ vertices: [...state.vertices, position], problem: null });
      if (state.mode === 'point') store.finish();
    },
    undo() {
      if (state.mode) set({ vertices: state.vertices.slice(0, -1), problem: null });
    },
    finish() {
      if (!state.mode) return;
      const geometry = geometryOf(state.mode, state.vertices);
      if (typeof geometry === 'string') {
        set({ problem: geometry });
        return;
      }
      set({ mode: null, purpose: '', vertices: [], last: picking ? state.last : geometry, problem: null });
      settle(geometry);
    },
    cancel() {
      if (!state.mode) return;
      set({ mode: null, purpose: '', vertices: [], problem: null });
      settle(null);
    },
    clear() {
      set({ last: null });
    },
  };
  return store;
}
