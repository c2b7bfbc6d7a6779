import type { VirtualClock } from '../clock/virtual-clock.ts';
import type { Logger } from '../logger.ts';
import type { OpsService } from '../ops/service.ts';
import type { Recording } from '../record/format.ts';
import type { PushBus } from '../rpc/push-bus.ts';
import type { SensorService } from '../sensors/service.ts';
import type { RunningExercise } from './handlers.ts';
import type { Msel } from './msel.ts';
import { feedRecordedReadings } from './recorded-readings.ts';
import { startExerciseRunner } from './runner.ts';

/** What createApp needs to run an exercise; `clock` must be the app's clock. */
export interface ExerciseConfig {
  exerciseId: string;
  msel: Msel;
  clock: VirtualClock;
  /** An exercise run from a recording: its sensor messages are re-published on the exercise clock (its events are not). */
  recording?: Recording;
}

const exerciseSession = { session: { id: 'exercise', actorId: null } };

/** Starts the MSEL runner on the app's own services: readings go to its sensor service in-process. */
export function startExercise(config: ExerciseConfig, deps: { ops: OpsService; sensors: SensorService; pushes: PushBus; logger: Logger }): RunningExercise & { close(): void } {
  const { sensors } = deps;
  const runner = startExerciseRunner({
    ...config,
    ops: deps.ops,
    logger: deps.logger,
    readings: {
      receive: sensors.receive,
      latestValue(id) {
        const latest = sensors.handlers['sensors.latest']({}, exerciseSession);
        return (Array.isArray(latest) ? latest.find((r) => r.sensorId === id)?.value : null) ?? null;
      },
    },
    changed: (ids) => deps.pushes.emit('exercise.changed', { ids }),
  });
  const recorded = config.recording ? feedRecordedReadings({ recording: config.recording, clock: config.clock, sensors, after: lastReceived(deps.ops) }) : null;
  return {
    runner,
    clock: config.clock,
    sensorIds() {
      const list = sensors.handlers['sensors.list']({}, exerciseSession);
      return Array.isArray(list) ? list.map((s) => s.id) : [];
    },
    close() {
      recorded?.close();
      runner.close();
    },
  };
}

/** When this exercise's sensor store last received anything (a restart goes on from there), or -Infinity. */
function lastReceived(ops: OpsService): number {
  const at = ops.store.db.prepare<[], number | null>('SELECT max(at) FROM (SELECT max(received_at) AS at FROM sensor_readings UNION ALL SELECT max(received_at) FROM sensor_quarantine)').pluck().get();
  return at ?? -Infinity;
}
