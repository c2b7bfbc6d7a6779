// A replay node built as the app builds one (imported store, virtual clock, its own ops and
// sensor services, the replay driving them), for tests and the benchmark.
import type { Clock } from '../clock/clock.ts';
import { virtualClock } from '../clock/virtual-clock.ts';
import type { Timers } from '../clock/virtual-timer.ts';
import { dumpProjections } from '../ops/projector.ts';
import { openOpsService } from '../ops/service.ts';
import type { Recording } from '../record/format.ts';
import { importRecording } from '../record/import.ts';
import { createPushBus } from '../rpc/push-bus.ts';
import type { SensorSeed } from '../sensors/registry.ts';
import { createSensorService } from '../sensors/service.ts';
import { createReplay } from './replay-service.ts';
import { createProjector } from '../ops/projector.ts';
import { notifyRemote } from '../ops/service.ts';
import { recordedAlertsOnly } from './wire.ts';

const quiet = { info() {}, warn() {}, error() {} };

export function openReplayNode(recording: Recording, dataDir: string, seeds: readonly SensorSeed[], source: Clock, options: { at?: number; timers?: Timers } = {}) {
  importRecording(recording, dataDir, 'test', quiet);
  const clock = virtualClock({ source, start: options.at ?? recording.window.from, mode: 'replay' });
  const pushes = createPushBus();
  const ops = openOpsService({ dataDir, clock, push: pushes, logger: quiet, backupEveryMs: 0 });
  const sensors = createSensorService({ db: ops.store.db, clock, push: pushes, alerts: recordedAlertsOnly, logger: quiet, seeds, silenceCheckMs: 3_600_000 });
  const replay = createReplay({
    db: ops.store.db,
    projector: createProjector(ops.store.db),
    applied: (result) => notifyRemote(ops.store.db, ops.core, result),
    sensors,
    clock,
    recording,
    push: (state) => pushes.emit('replay.state', state),
    recommendationsChanged: (ids) => pushes.emit('recommendations.changed', { ids }),
    ...(options.timers ? { timers: options.timers } : {}),
  });
  const { db } = ops.store;
  /** A gauge's plot over the whole window as the renderer gets it: per-minute and per-hour summaries once there are more readings than points. */
  const series = async (sensorId: string, maxPoints: number) => {
    const s = await sensors.handlers['sensors.series']({ sensorId, from: recording.window.from, to: recording.window.to, maxPoints }, { session: { id: 'test', actorId: null } });
    // Means rounded: how a bucket's sum was added up depends on when its readings' batches were stored.
    return { ...s, points: s.points.map((p) => ({ ...p, value: Number(p.value.toFixed(9)) })) };
  };
  const minutes = Math.ceil((recording.window.to - recording.window.from) / 60_000);
  return {
    replay,
    clock,
    ops,
    sensors,
    /** Everything a replay shows at its time: projections, readings and rejects (with their quality), forecasts. */
    async snapshot() {
      sensors.flush();
      return {
        ...dumpProjections(db),
        readings: db.prepare('SELECT sensor_id, time, value, flags, received_at FROM sensor_readings ORDER BY sensor_id, time').all(),
        quarantine: db.prepare('SELECT received_at, topic, sensor_id, reason FROM sensor_quarantine ORDER BY received_at, id').all(),
        counts: db.prepare('SELECT * FROM sensor_counts ORDER BY sensor_id').all(),
        series: await Promise.all(sensors.sensorIds().flatMap((id) => [series(id, minutes), series(id, 1)])),
        forecasts: db.prepare('SELECT id, state, ended_at FROM forecasts ORDER BY id').all(),
      };
    },
    async close() {
      replay.close();
      sensors.close();
      await ops.close();
    },
  };
}
