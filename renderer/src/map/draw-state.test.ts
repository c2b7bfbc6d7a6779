import { describe, expect, it } from 'vitest';
import { createDrawStore, geometryOf, type LonLat } from './draw-state.ts';

const a: LonLat = [151.75, -32.94];
const b: LonLat = [151.751, -32.94];
const c: LonLat = [151.751, -32.941];

describe('geometryOf', () => {
  it('closes polygons and keeps lines and points as placed', () => {
    expect(geometryOf('polygon', [a, b, c])).toEqual({ type: 'Polygon', coordinates: [[a, b, c, a]] });
    expect(geometryOf('polygon', [a, b, c, a])).toEqual({ type: 'Polygon', coordinates: [[a, b, c, a]] });
    expect(geometryOf('line', [a, b])).toEqual({ type: 'LineString', coordinates: [a, b] });
    expect(geometryOf('point', [a])).toEqual({ type: 'Point', coordinates: a });
  });

  it('says what is missing, counting repeated clicks once', () => {
    expect(geometryOf('polygon', [a, b, b])).toBe('An area needs at least 3 points (2 placed).');
    expect(geometryOf('line', [a])).toMatch(/line needs at least 2 points \(1 placed\)/);
    expect(geometryOf('point', [])).toMatch(/point needs at least 1 point \(0 placed\)/);
    expect(geometryOf('polygon', [a, b, a])).toMatch(/3 distinct points/);
  });
});

describe('createDrawStore', () => {
  it('resolves a request with the drawn polygon', async () => {
    const store = createDrawStore();
    const seen: (string | null)[] = [];
    store.subscribe((s) => seen.push(s.mode));
    const result = store.request('polygon', 'Alert area');
    expect(store.snapshot()).toMatchObject({ mode: 'polygon', purpose: 'Alert area' });
    store.add(a);
    store.add(b);
    store.finish();
    expect(store.snapshot().problem).toMatch(/at least 3/);
    expect(store.snapshot().mode).toBe('polygon');
    store.add(c);
    store.finish();
    await expect(result).resolves.toEqual({ type: 'Polygon', coordinates: [[a, b, c, a]] });
    expect(store.snapshot()).toMatchObject({ mode: null, vertices: [], last: { type: 'Polygon' } });
    expect(seen.at(-1)).toBeNull();
  });

  it('places a point on the first click, and undo removes the last vertex', async () => {
    const store = createDrawStore();
    const line = store.request('line', 'Barrier');
    store.add(a);
    store.add(b);
    store.undo();
    store.add(c);
    store.finish();
    await expect(line).resolves.toEqual({ type: 'LineString', coordinates: [a, c] });
    const point = store.request('point', 'Pump');
    // The finished line stays until the point replaces it.
    expect(store.snapshot().last?.type).toBe('LineString');
    store.add(b);
    await expect(point).resolves.toEqual({ type: 'Point', coordinates: b });
  });

  it('answers a pick without making it the drawing the map offers to use', async () => {
    const store = createDrawStore();
    const drawn = store.request('point', 'Drawing');
    store.add([151.75, -32.94]);
    const first = await drawn;
    const picked = store.request('point', 'Task location', { pick: true });
    store.add([151.76, -32.95]);
    expect(await picked).toEqual({ type: 'Point', coordinates: [151.76, -32.95] });
    expect(store.snapshot().last).toBe(first);
  });

  it('resolves null on cancel, and when a new request replaces the old one', async () => {
    const store = createDrawStore();
    const first = store.request('polygon', 'one');
    store.add(a);
    const second = store.request('line', 'two');
    await expect(first).resolves.toBeNull();
    expect(store.snapshot().vertices).toEqual([]);
    store.cancel();
    await expect(second).resolves.toBeNull();
    expect(store.snapshot().last).toBeNull();
    // Clicks with no drawing in progress change nothing.
    store.add(a);
    expect(store.snapshot().vertices).toEqual([]);
  });
});
