import { useSyncExternalStore } from 'react';
import type { DrawMode, DrawStore } from './draw-state.ts';

const tools: readonly { mode: DrawMode; label: string; purpose: string }[] = [
  { mode: 'polygon', label: 'Draw area', purpose: 'Area' },
  { mode: 'line', label: 'Draw line', purpose: 'Line' },
  { mode: 'point', label: 'Place point', purpose: 'Point' },
];

const hints: Record<DrawMode, string> = {
  polygon: 'Click to add corners; click the first corner, double-click or press Enter to finish.',
  line: 'Click to add points; double-click or press Enter to finish.',
  point: 'Click where it goes.',
};

/** Draw tools, the drawing's instructions, and the finished geometry as GeoJSON. Without a mouse:
 * pan with the arrow keys (map focused) and add the point under the centre cross. */
export function DrawToolbar({ store, centre }: { store: DrawStore; centre(): [number, number] }) {
  const snapshot = useSyncExternalStore(store.subscribe, store.snapshot);
  return (
    <div className="draw-toolbar" role="group" aria-label="Draw on the map">
      {snapshot.mode ? (
        <div className="draw-active" role="status">
          <strong>{snapshot.purpose}</strong> {hints[snapshot.mode]} ({snapshot.vertices.length} placed)
          {snapshot.problem && <span className="draw-problem"> {snapshot.problem}</span>}
          <span className="draw-buttons">
            <button type="button" onClick={() => store.add(centre())}>
              Add at centre
            </button>
            {snapshot.mode !== 'point' && (
              <button type="button" onClick={store.finish}>
                Finish
              </button>
            )}
            <button type="button" onClick={store.undo} disabled={snapshot.vertices.length === 0}>
              Undo
            </button>
            <button type="button" onClick={store.cancel}>
              Cancel
            </button>
          </span>
        </div>
      ) : (
        <span className="draw-buttons">
          {tools.map((tool) => (
            <button key={tool.mode} type="button" onClick={() => void store.request(tool.mode, tool.purpose)}>
              {tool.label}
            </button>
          ))}
          {snapshot.last && (
            <button type="button" onClick={store.clear}>
              Clear drawing
            </button>
          )}
        </span>
      )}
      {snapshot.last && !snapshot.mode && (
        <details className="draw-result">
          <summary>
            {snapshot.last.type === 'Polygon' ? `Area, ${snapshot.last.coordinates[0]!.length - 1} corners` : snapshot.last.type === 'LineString' ? `Line, ${snapshot.last.coordinates.length} points` : 'Point'} — GeoJSON
          </summary>
          <output data-testid="drawn-geojson">{JSON.stringify(snapshot.last)}</output>
        </details>
      )}
    </div>
  );
}

/** The cross at the map centre while drawing: where "Add at centre" puts the next point. */
export function DrawCross({ store }: { store: DrawStore }) {
  const snapshot = useSyncExternalStore(store.subscribe, store.snapshot);
  return snapshot.mode ? <div className="draw-cross" aria-hidden="true" /> : null;
}
