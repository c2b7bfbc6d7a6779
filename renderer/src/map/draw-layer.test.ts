import { describe, expect, it } from 'vitest';
import { drawFeatures } from './draw-layer.ts';
import type { DrawSnapshot, LonLat } from './draw-state.ts';

const a: LonLat = [0, 0];
const b: LonLat = [1, 0];
const c: LonLat = [1, 1];
const idle: DrawSnapshot = { mode: null, purpose: '', vertices: [], last: null, problem: null };

describe('drawFeatures', () => {
  it('shows the finished geometry only when nothing is being drawn', () => {
    const last = { type: 'LineString' as const, coordinates: [a, b] };
    expect(drawFeatures({ ...idle, last }, null)).toEqual([{ type: 'Feature', properties: { role: 'done' }, geometry: last }]);
    expect(drawFeatures({ ...idle, last, mode: 'polygon', vertices: [] }, null)).toEqual([]);
  });

  it('draws a polygon in progress with the rubber band to the pointer closing it', () => {
    const features = drawFeatures({ ...idle, mode: 'polygon', vertices: [a, b] }, c);
    expect(features.map((f) => f.properties.role)).toEqual(['preview', 'path', 'first', 'vertex']);
    expect(features[0]!.geometry).toEqual({ type: 'Polygon', coordinates: [[a, b, c, a]] });
    expect(features[1]!.geometry).toEqual({ type: 'LineString', coordinates: [a, b, c] });
  });

  it('has no rubber band for points', () => {
    expect(drawFeatures({ ...idle, mode: 'point', vertices: [] }, c)).toEqual([]);
  });
});
