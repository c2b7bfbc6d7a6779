import type { VirtualClock } from '../clock/virtual-clock.ts';
import type { Logger } from '../logger.ts';
import type { OpsService } from '../ops/service.ts';
import type { PushBus } from '../rpc/push-bus.ts';
import type { SensorService } from '../sensors/service.ts';
import type { RunningExercise } from './handlers.ts';
import type { Msel } from './msel.ts';
import { startExerciseRunner } from './runner.ts';

/** What createApp needs to run an exercise; `clock` must be the app's clock. */
export interface ExerciseConfig {
  exerciseId: string;
  msel: Msel;
  clock: VirtualClock;
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
  return {
    runner,
    clock: config.clock,
    sensorIds() {
      const list = sensors.handlers['sensors.list']({}, exerciseSession);
      return Array.isArray(list) ? list.map((s) => s.id) : [];
    },
    close: runner.close,
  };
}
