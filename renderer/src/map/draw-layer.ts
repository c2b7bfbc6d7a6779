import type * as maplibregl from 'maplibre-gl';
import type { DrawSnapshot, DrawStore, LonLat } from './draw-state.ts';

type Feature = { type: 'Feature'; properties: { role: string }; geometry: { type: string; coordinates: unknown } };

/** What the draw source shows: the drawing in progress with a rubber band to the pointer, or else
 * the last finished geometry. */
export function drawFeatures(snapshot: DrawSnapshot, pointer: LonLat | null): Feature[] {
  const features: Feature[] = [];
  if (!snapshot.mode) {
    if (snapshot.last) features.push({ type: 'Feature', properties: { role: 'done' }, geometry: snapshot.last });
    return features;
  }
  const path = pointer && snapshot.mode !== 'point' ? [...snapshot.vertices, pointer] : [...snapshot.vertices];
  if (snapshot.mode === 'polygon' && path.length >= 3) {
    features.push({ type: 'Feature', properties: { role: 'preview' }, geometry: { type: 'Polygon', coordinates: [[...path, path[0]!]] } });
  }
  if (path.length >= 2) features.push({ type: 'Feature', properties: { role: 'path' }, geometry: { type: 'LineString', coordinates: path } });
  snapshot.vertices.forEach((v, i) => features.push({ type: 'Feature', properties: { role: i === 0 ? 'first' : 'vertex' }, geometry: { type: 'Point', coordinates: v } }));
  return features;
}

/** A click this close (px) to the first vertex closes the polygon. */
const CLOSE_PX = 10;

/** Wires map clicks and keys to the draw store and draws its state. Returns the teardown. */
export function attachDrawing(map: maplibregl.Map, store: DrawStore): () => void {
  map.addSource('draw', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  const isRole = (...roles: string[]) => ['in', ['get', 'role'], ['literal', roles]] as never;
  map.addLayer({ id: 'draw-fill', type: 'fill', source: 'draw', filter: ['all', ['==', ['geometry-type'], 'Polygon'], isRole('done', 'preview')], paint: { 'fill-color': '#ff6a00', 'fill-opacity': 0.18 } });
  map.addLayer({
    id: 'draw-line',
    type: 'line',
    source: 'draw',
    filter: ['!=', ['geometry-type'], 'Point'],
    paint: { 'line-color': '#ff6a00', 'line-width': 2.5, 'line-dasharray': ['case', ['==', ['get', 'role'], 'done'], ['literal', [1, 0]], ['literal', [2, 1]]] as never },
  });
  map.addLayer({
    id: 'draw-vertex',
    type: 'circle',
    source: 'draw',
    filter: ['==', ['geometry-type'], 'Point'],
    paint: { 'circle-radius': ['case', isRole('first'), 7, 5] as never, 'circle-color': '#fff', 'circle-stroke-color': '#ff6a00', 'circle-stroke-width': 2.5 },
  });

  let pointer: LonLat | null = null;
  const render = () => {
    const source = map.getSource('draw') as maplibregl.GeoJSONSource | undefined;
    source?.setData({ type: 'FeatureCollection', features: drawFeatures(store.snapshot(), pointer) } as never);
  };
  const container = map.getCanvasContainer();
  const unsubscribe = store.subscribe((snapshot) => {
    container.style.cursor = snapshot.mode ? 'crosshair' : '';
    // A double-click finishes a drawing, so it must not zoom meanwhile.
    if (snapshot.mode) map.doubleClickZoom.disable();
    else map.doubleClickZoom.enable();
    if (!snapshot.mode) pointer = null;
    render();
  });

  const onClick = (event: maplibregl.MapMouseEvent) => {
    const { mode, vertices } = store.snapshot();
    if (!mode) return;
    if (mode === 'polygon' && vertices.length >= 3) {
      const first = map.project(vertices[0]!);
      if (Math.hypot(first.x - event.point.x, first.y - event.point.y) <= CLOSE_PX) {
        store.finish();
        return;
      }
    }
    store.add([event.lngLat.lng, event.lngLat.lat]);
  };
  const onDoubleClick = (event: maplibregl.MapMouseEvent) => {
    if (!store.snapshot().mode) return;
    event.preventDefault();
    // The double-click's second click already added a vertex at the same place; finish drops repeats.
    store.finish();
  };
  const onMove = (event: maplibregl.MapMouseEvent) => {
    if (!store.snapshot().mode) return;
    pointer = [event.lngLat.lng, event.lngLat.lat];
    render();
  };
  const onKey = (event: KeyboardEvent) => {
    if (!store.snapshot().mode) return;
    if (event.key === 'Escape') store.cancel();
    else if (event.key === 'Enter') store.finish();
    else if (event.key === 'Backspace') store.undo();
    else return;
    event.preventDefault();
  };
  map.on('click', onClick);
  map.on('dblclick', onDoubleClick);
  map.on('mousemove', onMove);
  window.addEventListener('keydown', onKey);
  render();
  return () => {
    unsubscribe();
    map.off('click', onClick);
    map.off('dblclick', onDoubleClick);
    map.off('mousemove', onMove);
    window.removeEventListener('keydown', onKey);
  };
}
