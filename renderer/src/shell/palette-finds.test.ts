import { describe, expect, it } from 'vitest';
import type { Alert, Task, Unit } from '../../../native/api/ops.ts';
import { findsPerKind, paletteFinds, scenarioPlaces } from './palette-finds.ts';

const task = (id: string, title: string) => ({ id, title }) as Task;
const alert = (id: string, title: string) => ({ id, title, severity: 'Severe' }) as Alert;
const unit = (id: string, name: string, location: Unit['location']) => ({ id, name, kind: 'vehicle', location }) as Unit;
const point = (name: string, id: string) => ({ type: 'Feature' as const, properties: { id, name }, geometry: { type: 'Point', coordinates: [151.75, -32.94] } });

describe('palette finds', () => {
  const places = scenarioPlaces({
    assets: { type: 'FeatureCollection', features: [point('Creekside Primary School', 'asset-school')] },
    gauges: { type: 'FeatureCollection', features: [point('Creek inlet road', 'g-1'), { type: 'Feature', properties: { id: 'x' }, geometry: { type: 'Point', coordinates: [0, 0] } }] },
  });

  it('finds tasks, alerts, units and named places by every word, in that order', () => {
    const finds = paletteFinds('creek', {
      tasks: [task('t1', 'Clear the creek culvert'), task('t2', 'Sandbags')],
      alerts: [alert('a1', 'Creek overtopping')],
      units: [unit('u1', 'Creek patrol', { lon: 151.7, lat: -32.9 }), unit('u2', 'Engine 1', null)],
      places,
    });
    expect(finds.map((f) => [f.kind, f.label])).toEqual([
      ['task', 'Clear the creek culvert'],
      ['alert', 'Severe: Creek overtopping'],
      ['map', 'Creek patrol'],
      ['map', 'Creekside Primary School'],
      ['map', 'Creek inlet road'],
    ]);
    expect(paletteFinds('creek school', { tasks: [], alerts: [], units: [], places }).map((f) => f.label)).toEqual(['Creekside Primary School']);
  });

  it('skips unnamed features, finds nothing for an empty query and bounds each kind', () => {
    expect(places).toHaveLength(2);
    expect(paletteFinds('  ', { tasks: [task('t', 'x')], alerts: [], units: [], places })).toEqual([]);
    const many = Array.from({ length: 30 }, (_, i) => task(`t${i}`, `pump ${i}`));
    expect(paletteFinds('pump', { tasks: many, alerts: [], units: [], places: [] })).toHaveLength(findsPerKind);
  });

  it('says when a unit has no location to fly to', () => {
    const [found] = paletteFinds('engine', { tasks: [], alerts: [], units: [unit('u2', 'Engine 1', null)], places: [] });
    expect(found).toMatchObject({ kind: 'map', group: 'Unit', label: 'Engine 1 (no location)', geometry: null });
  });
});
