import { describe, expect, it } from 'vitest';
import type { Invoke, Method } from '../../../native/api/index.ts';
import type { Reading, Sensor } from '../../../native/api/sensors.ts';
import { createSensorStore } from './sensor-store.ts';

const sensor: Sensor = { id: 'g1', thing: 'G1', name: 'G1', kind: 'water-level', observedProperty: 'depth', unit: { name: 'metre', symbol: 'm' }, location: { lon: 0, lat: 0 }, thresholds: null, risingPerHour: null, silenceAfterSeconds: 300, source: 'scenario', updatedAt: 0 };
const reading = (time: number, value: number, flags: Reading['flags'] = []): Reading => ({ sensorId: 'g1', time, value, flags, reconstructed: false, receivedAt: time });
const counts = { received: 3, accepted: 3, quarantined: 0 };

function fakeRead(stored: Reading[]) {
  return <M extends Method>(method: M, _args: Invoke[M][0]): Promise<Invoke[M][1]> => {
    const answers: Partial<Record<Method, unknown>> = {
      'sensors.list': [sensor],
      'sensors.latest': stored.slice(-1),
      'sensors.health': { counts, sensors: [], retention: { rawDays: 30, summaryDays: 730 } },
      'sensors.series': { sensorId: 'g1', resolution: 'raw', points: stored.map((r) => ({ time: r.time, value: r.value, min: r.value, max: r.value, count: 1, flagged: r.flags.length ? 1 : 0 })) },
    };
    return Promise.resolve(answers[method] as Invoke[M][1]);
  };
}

describe('the sensor store', () => {
  it('loads the observed lines, then appends pushed readings in time order', async () => {
    const sensors = createSensorStore(fakeRead([reading(1000, 0.1), reading(2000, 0.2)]), (run) => run(), () => 5000);
    await sensors.reload();
    expect(sensors.store.get().observed.g1!.values).toEqual([0.1, 0.2]);
    sensors.readings({ readings: [reading(3000, 0.4, ['spike'])], counts });
    sensors.readings({ readings: [reading(2500, 9)], counts }); // late: already past it
    const view = sensors.store.get();
    expect(view.observed.g1).toEqual({ times: [1000, 2000, 3000], values: [0.1, 0.2, 0.4], flagged: [false, false, true] });
    expect(view.latest.g1!.value).toBe(0.4);
    expect(view.counts).toEqual(counts);
  });
});
