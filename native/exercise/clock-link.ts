// The exercise clock across nodes: the controller's node publishes its clock's course (README
// "Exercises", "Several workstations"), retained, and joined nodes follow it.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../clock/clock.ts';
import { maxVirtualRate, virtualClock, type VirtualClock } from '../clock/virtual-clock.ts';
import type { Logger } from '../logger.ts';
import { connectMqtt, type MqttConnection } from '../mqtt/connection.ts';
import type { SyncConfig } from '../sync/handlers.ts';
import { syncTopics } from '../sync/topics.ts';

/** The controller's clock as of one change: scenario time `at` when its source clock read `anchoredAt`. */
export const ExerciseClockState = z
  .object({
    exerciseId: z.string(),
    at: z.number(),
    anchoredAt: z.number(),
    rate: z.number().positive().max(maxVirtualRate),
    playing: z.boolean(),
  })
  .strict();
export type ExerciseClockState = z.infer<typeof ExerciseClockState>;

/** Under the exercise's own organisation segment (`<org>.exercise-<id>`), beside its sync topics; no live node subscribes to it. */
export const exerciseClockTopic = (exerciseOrg: string): string => syncTopics(exerciseOrg).exerciseClock;

interface LinkOptions {
  /** The exercise node's sync configuration (exerciseSync: the exercise's organisation segment). */
  sync: SyncConfig;
  exerciseId: string;
  /** The source the exercise clock runs on (the system clock); nodes' system clocks are assumed NTP-synchronised. */
  source: Clock;
  logger: Logger;
}

function connect(options: LinkOptions, role: string, onMessage: (payload: Buffer) => void, onConnect: () => void = () => {}): MqttConnection {
  const { sync } = options;
  return connectMqtt(
    // A session of its own per run, dropped when it ends: the retained message is all it needs.
    { ...sync.mqtt, brokers: sync.brokers, clientId: `polder-clock-${role}-${randomUUID()}`, sessionExpirySeconds: 0 },
    { onConnect, onMessage: (m) => onMessage(m.payload) },
  );
}

/**
 * Publishes the controller's clock on every change (play, pause, rate, seek) and on every
 * connection, retained so a node that joins later hears it first. Closing publishes it paused:
 * the joined nodes stop with the controller.
 */
export function publishExerciseClock(options: LinkOptions & { clock: VirtualClock }): { close(): Promise<void> } {
  const { clock, source, exerciseId, logger } = options;
  const topic = exerciseClockTopic(options.sync.org);
  const current = (): ExerciseClockState => ({ exerciseId, at: clock.now(), anchoredAt: source.now(), rate: clock.rate, playing: clock.playing });
  const publish = (state: ExerciseClockState) =>
    conn.publish(topic, JSON.stringify(state), { retain: true }).catch((err: Error) => logger.warn(`the exercise clock was not published (${err.message}); it is again on reconnect`));
  const conn = connect(options, 'controller', () => {}, () => void publish(current()));
  const off = clock.onChange(() => void publish(current()));
  return {
    async close() {
      off();
      await publish({ ...current(), playing: false });
      await conn.close();
    },
  };
}

function parseClockState(payload: Buffer): ExerciseClockState | null {
  try {
    return ExerciseClockState.safeParse(JSON.parse(payload.toString('utf8'))).data ?? null;
  } catch {
    return null;
  }
}

/** Where the controller's clock reads now, by `source`. */
function targetOf(state: ExerciseClockState, source: Clock): number {
  return state.playing ? state.at + (source.now() - state.anchoredAt) * state.rate : state.at;
}

/**
 * A joined node's exercise clock: waits (at most `timeoutMs`) for the controller's published clock,
 * starts a virtual clock there, and follows every later change. A message for another exercise,
 * or not a clock state, is ignored with a warning.
 */
export async function joinExerciseClock(options: LinkOptions & { timeoutMs: number }): Promise<{ clock: VirtualClock; close(): Promise<void> }> {
  const { source, exerciseId, logger } = options;
  const topic = exerciseClockTopic(options.sync.org);
  let clock: VirtualClock | null = null;
  let started: (clock: VirtualClock) => void = () => {};
  const first = new Promise<VirtualClock>((resolve) => (started = resolve));
  const follow = (state: ExerciseClockState) => {
    const target = targetOf(state, source);
    if (!clock) {
      clock = virtualClock({ source, start: target, rate: state.rate, playing: state.playing, mode: 'exercise' });
      started(clock);
      return;
    }
    if (!state.playing) clock.pause();
    if (clock.rate !== state.rate) clock.setRate(state.rate);
    clock.seek(target);
    if (state.playing) clock.play();
  };
  const conn = connect(options, 'joined', (payload) => {
    const state = parseClockState(payload);
    if (!state) logger.warn(`ignored a message on ${topic}: not an exercise clock state`);
    else if (state.exerciseId !== exerciseId) logger.warn(`ignored the clock of exercise ${state.exerciseId} on ${topic}`);
    else follow(state);
  });
  void conn.subscribe([topic]);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), options.timeoutMs)));
  const joined = await Promise.race([first, timedOut]);
  clearTimeout(timer);
  if (!joined) {
    await conn.close();
    throw new Error(
      `heard no clock for exercise ${exerciseId} on ${options.sync.brokers.join(', ')} within ${options.timeoutMs / 1000} s: start the controller's node first (polder exercise --msel … --exercise-id ${exerciseId} --broker …, same --org)`,
    );
  }
  return { clock: joined, close: () => conn.close() };
}
