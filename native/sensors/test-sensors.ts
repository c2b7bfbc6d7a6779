// A real sensor service over a real ops service (temp folder, manual clock), with three water-level
// gauges a hundred-odd metres apart and a rain gauge, as the Merewether pack has.
import type { Push, PushEvent } from '../api/index.ts';
import { testService } from '../ops/test-service.ts';
import type { SensorSeed } from './registry.ts';
import { createSensorService, type SensorServiceOptions } from './service.ts';

export const testSeeds: SensorSeed[] = [
  { id: 'g-inlet', name: 'Creek inlet road', kind: 'water-level', lon: 151.7546, lat: -32.9452, thresholds: { warning: 0.15, danger: 0.3 } },
  { id: 'g-midroad', name: 'Mid-catchment road', kind: 'water-level', lon: 151.7559, lat: -32.9437, thresholds: { warning: 0.15, danger: 0.3 } },
  { id: 'g-outlet', name: 'Lower road near outlet', kind: 'water-level', lon: 151.7572, lat: -32.9431, thresholds: { warning: 0.15, danger: 0.3 } },
  { id: 'g-rain', name: 'Rain gauge', kind: 'rain-intensity', lon: 151.7563, lat: -32.9425, thresholds: { warning: 20, danger: 50 } },
];

export function testSensors(extra: Partial<SensorServiceOptions> = {}) {
  const ops = testService();
  const pushes: { event: PushEvent; payload: unknown }[] = [];
  const push = {
    emit<E extends PushEvent>(event: E, payload: Push[E]) {
      pushes.push({ event, payload });
    },
  };
  const sensors = createSensorService({ db: ops.service.store.db, clock: ops.clock, push, alerts: ops.service.systemAlerts, logger: { info() {}, warn() {}, error() {} }, seeds: testSeeds, flushMs: 5, silenceCheckMs: 3_600_000, ...extra });
  const lead = ops.as('eoc-lead');
  return {
    ops,
    sensors,
    pushes,
    clock: ops.clock,
    /** One compact reading at the clock's time (or `at`), received now. */
    send(ds: string, v: number, at = ops.clock.now(), extraFields: Record<string, unknown> = {}) {
      sensors.receive('polder/v1/observations', Buffer.from(JSON.stringify({ ds, t: at, v, ...extraFields })));
    },
    sensorAlerts: async () => (await lead('alerts.list', { status: 'all' })).filter((a) => a.source === 'sensor'),
    count: ops.count,
    async close() {
      sensors.close();
      await ops.close();
    },
  };
}
