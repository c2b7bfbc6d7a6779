// A recording of a made-up flood, for tests, the e2e test and the benchmark: a node's log of
// people raising, acknowledging and resolving alerts and creating and moving tasks, its sensors'
// readings every interval (the threshold alerts they raise included) and a forecast, over a window.
import { mkdirSync } from 'node:fs';
import { manualClock } from '../clock/clock.ts';
import { createForecastStore } from '../decide/forecast-store.ts';
import { heldRosterPath, writeRosterFile } from '../identity/held-roster.ts';
import { loadOrCreateDeviceKey } from '../identity/keys.ts';
import { testRoster } from '../identity/test-roster.ts';
import type { Invoke, Method } from '../api/index.ts';
import { methods } from '../api/index.ts';
import { seededRandom } from '../ops/seeded-random.ts';
import { openOpsService } from '../ops/service.ts';
import { exportRecording } from '../record/export.ts';
import type { Recording } from '../record/format.ts';
import type { SensorSeed } from '../sensors/registry.ts';
import { createSensorService } from '../sensors/service.ts';

export interface SyntheticOptions {
  dataDir: string;
  start: number;
  hours: number;
  seeds: readonly SensorSeed[];
  /** Seconds between two readings of each sensor. */
  readingEverySeconds: number;
  /** Seconds between two things people do (each writes one to three events). */
  actionEverySeconds: number;
  seed?: number;
  /** From `at` on, this gauge reads `by` higher (a flood front: its first reading is flagged as a spike, the next one takes the flag off). */
  jump?: { sensorId: string; at: number; by: number };
}

const quiet = { info() {}, warn() {}, error() {} };
export const syntheticDevice = 'dev_rec';
/** The recording's roster gives every person the PIN `pin-<id>`. */
export const syntheticPin = (actorId: string) => `pin-${actorId}`;

/** A flood hydrograph: the level rises to a peak at 40 % of the window and falls again. */
function level(seed: SensorSeed, fraction: number, noise: number): number {
  const peak = seed.thresholds ? seed.thresholds.danger * 1.3 : 1;
  const shape = Math.exp(-(((fraction - 0.4) / 0.15) ** 2));
  return Math.max(0, peak * shape + noise * peak * 0.02);
}

export async function makeSyntheticRecording(o: SyntheticOptions): Promise<Recording> {
  mkdirSync(o.dataDir, { recursive: true });
  const { key } = loadOrCreateDeviceKey(o.dataDir, syntheticDevice);
  const { roster } = testRoster([{ id: syntheticDevice, publicKey: key.publicKey, kind: 'workstation', revoked: false }]);
  writeRosterFile(heldRosterPath(o.dataDir), roster);
  const clock = manualClock(o.start);
  const ops = openOpsService({ dataDir: o.dataDir, clock, push: { emit() {} }, logger: quiet, deviceId: syntheticDevice, backupEveryMs: 0 });
  const sensors = createSensorService({ db: ops.store.db, clock, push: { emit() {} }, alerts: ops.systemAlerts, logger: quiet, seeds: o.seeds, flushMs: 3_600_000, silenceCheckMs: 3_600_000 });
  const random = seededRandom(o.seed ?? 7);
  const call = <M extends Method>(actorId: string, method: M, args: Invoke[M][0]): Invoke[M][1] => {
    const handler = ops.handlers[method as keyof typeof ops.handlers] as unknown as (a: unknown, ctx: unknown) => Invoke[M][1];
    return handler(methods[method].args.parse(args), { session: { id: `s-${actorId}`, actorId } });
  };
  const departments = ['fire', 'police', 'transport', 'works', 'health'];
  const openTasks: { id: string; department: string; status: string }[] = [];
  const openAlerts: { id: string; acknowledged: boolean }[] = [];
  let n = 0;
  /** One thing a person does, in turn: raise an alert, create a task, move one on, deal with an alert. */
  function act(): void {
    const dept = departments[n % departments.length]!;
    switch (n++ % 4) {
      case 0: {
        const { alert } = call('eoc-lead', 'alerts.raise', { source: 'field', title: `Water over the road #${n}`, description: '', severity: 'Moderate', urgency: 'Expected', certainty: 'Observed', area: null, dedupeKey: null, incidentId: null });
        openAlerts.push({ id: alert.id, acknowledged: false });
        break;
      }
      case 1: {
        const task = call('eoc-lead', 'tasks.create', { title: `Close the crossing #${n}`, description: '', department: dept, priority: 'high', dueAt: null, location: null, alertId: null, incidentId: null });
        openTasks.push({ id: task.id, department: dept, status: 'new' });
        break;
      }
      case 2: {
        const task = openTasks[Math.floor(random() * openTasks.length)];
        if (!task) break;
        const next = task.status === 'new' ? 'in_progress' : 'done';
        call(`${task.department}-lead`, 'tasks.transition', { taskId: task.id, to: next, note: '' });
        task.status = next;
        if (next === 'done') openTasks.splice(openTasks.indexOf(task), 1);
        break;
      }
      default: {
        const alert = openAlerts[0];
        if (!alert) break;
        if (!alert.acknowledged) {
          call('eoc-lead', 'alerts.acknowledge', { alertId: alert.id, note: '' });
          alert.acknowledged = true;
        } else {
          call('eoc-lead', 'alerts.resolve', { alertId: alert.id, note: 'Water gone' });
          openAlerts.shift();
        }
      }
    }
  }

  const end = o.start + o.hours * 3_600_000;
  const tick = Math.min(o.readingEverySeconds, o.actionEverySeconds) * 1000;
  try {
    for (let t = o.start; t < end; t += tick) {
      clock.set(t);
      const since = t - o.start;
      if (since % (o.readingEverySeconds * 1000) === 0) {
        for (const seed of o.seeds) {
          const jumped = o.jump?.sensorId === seed.id && t >= o.jump.at ? o.jump.by : 0;
          const v = Number((level(seed, since / (end - o.start), random() - 0.5) + jumped).toFixed(3));
          sensors.receive('polder/v1/observations', Buffer.from(JSON.stringify({ ds: seed.id, t: t - 1000, v })));
        }
        sensors.flush();
      }
      if (since % (o.actionEverySeconds * 1000) === 0) act();
      if (t === o.start + Math.floor((end - o.start) / 3 / tick) * tick) {
        const forecasts = createForecastStore(ops.store.db);
        forecasts.start({ id: 'fc-synthetic', scenario: 'merewether-2007', requestedBy: 'eoc-lead', requestedAt: t, trigger: 'request', inputs: { aheadMinutes: 60 } });
        forecasts.end('fc-synthetic', { state: 'completed', endedAt: t + 60_000, wallSeconds: 60, impacts: [], alerts: [] });
      }
    }
    clock.set(end);
    return exportRecording({ db: ops.store.db, from: o.start, to: end, now: end, deviceId: syntheticDevice, key, roster, packs: () => [] });
  } finally {
    sensors.close();
    await ops.close();
  }
}
