import { PolderError } from '../api/errors.ts';
import type { ClockState, exerciseMethods } from '../api/exercise.ts';
import type { VirtualClock } from '../clock/virtual-clock.ts';
import type { OpsService } from '../ops/service.ts';
import type { HandlersFor } from '../rpc/handlers.ts';
import { departmentNamed } from './msel.ts';
import type { ExerciseRunner } from './runner.ts';

export interface RunningExercise {
  runner: ExerciseRunner;
  clock: VirtualClock;
  /** The sensor ids an inserted sensor anomaly may name. */
  sensorIds(): string[];
}

/** The exercise and clock methods; without an exercise, state is null and the rest answer `unavailable`. */
export function createExerciseHandlers(ops: OpsService, exercise: RunningExercise | null): HandlersFor<keyof typeof exerciseMethods> {
  const running = (): RunningExercise => {
    if (!exercise) throw new PolderError('unavailable', 'This app is not running an exercise: start one with `polder exercise --msel <file> --data-dir <dir>`');
    return exercise;
  };
  const clockState = (clock: VirtualClock): ClockState => ({ now: clock.now(), mode: clock.mode, rate: clock.rate, playing: clock.playing });
  return {
    'exercise.state': () => exercise?.runner.state() ?? null,
    'exercise.insert'(args, ctx) {
      const { runner, sensorIds } = running();
      const department = departmentNamed(args.inject.to, ops.directory.departments);
      if (args.inject.method === 'message' && !department) throw new PolderError('invalid_args', `"${args.inject.to}" names no department: a message goes to one`);
      if (args.inject.sensor && !sensorIds().includes(args.inject.sensor.sensorId)) throw new PolderError('not_found', `No sensor "${args.inject.sensor.sensorId}" in this scenario`);
      return runner.insert(ops.actor(ctx), { ...args.inject, department });
    },
    'exercise.delay': (args, ctx) => running().runner.delay(ops.actor(ctx), args.injectId, args.minutes),
    'exercise.skip': (args, ctx) => running().runner.skip(ops.actor(ctx), args.injectId, args.reason),
    'exercise.note': (args, ctx) => running().runner.note(ops.actor(ctx), args.injectId, args.text),
    'clock.play'() {
      const { clock } = running();
      clock.play();
      return clockState(clock);
    },
    'clock.pause'() {
      const { clock } = running();
      clock.pause();
      return clockState(clock);
    },
    'clock.rate'(args) {
      const { clock } = running();
      clock.setRate(args.rate);
      return clockState(clock);
    },
  };
}
