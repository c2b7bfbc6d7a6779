import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../clock/clock.ts';
import { tempDir } from '../store/test-helpers.ts';
import { testSeeds } from '../sensors/test-sensors.ts';
import type { Recording } from '../record/format.ts';
import { flagBits } from '../sensors/quality.ts';
import { makeSyntheticRecording } from './synthetic-recording.ts';
import { checkpointEveryMs } from './replay-service.ts';
import { openReplayNode } from './test-replay-node.ts';

const start = Date.UTC(2007, 5, 8, 6, 0, 0);
const minute = 60_000;
let dir: ReturnType<typeof tempDir>;
let recording: Recording;
/** Half an hour in which one gauge jumps half a metre at the first checkpoint. */
let jumping: Recording;
let nodes = 0;
// The system clock as the replay clock's source: under vitest's fake timers it reads the fake time they advance.
const fakeTimeSource = systemClock();
const nodeOf = (rec: Recording, at?: number) => openReplayNode(rec, join(dir.dir, `node-${nodes++}`), testSeeds, fakeTimeSource, at === undefined ? {} : { at });
const node = (at?: number) => nodeOf(recording, at);

beforeAll(async () => {
  dir = tempDir('polder-replay-');
  // An hour: a reading from each of four gauges every 30 s (crossing their thresholds), something done every minute.
  recording = await makeSyntheticRecording({ dataDir: join(dir.dir, 'source'), start, hours: 1, seeds: testSeeds, readingEverySeconds: 30, actionEverySeconds: 60 });
  jumping = await makeSyntheticRecording({ dataDir: join(dir.dir, 'jumping'), start, hours: 0.5, seeds: testSeeds, readingEverySeconds: 30, actionEverySeconds: 60, jump: { sensorId: 'g-inlet', at: start + checkpointEveryMs, by: 0.5 } });
});
afterAll(() => dir.cleanup());
afterEach(() => vi.useRealTimers());

// Between two ticks of the recording, so a timer late by a millisecond (60 ms of replay) changes nothing.
const T = start + 37 * minute + 15_000;

describe('replay', () => {
  it('reaches the same state at T by playing at 60× from the start as by seeking there, forward or back', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const played = node();
    const before = await played.snapshot();
    expect(before.entities.length).toBeGreaterThan(0); // the units seeded at the start
    played.replay.setRate(60);
    played.replay.play();
    await vi.advanceTimersByTimeAsync((T - start) / 60);
    played.replay.pause();
    expect(played.clock.now()).toBe(T);
    const reference = await played.snapshot();
    expect(played.replay.state().maxLagMs).toBeLessThan(minute);

    const seekedForward = node();
    seekedForward.replay.seek(T);
    const seekedBack = node();
    seekedBack.replay.seek(recording.window.to);
    seekedBack.replay.seek(T);
    const startedThere = node(T);
    const stepped = node();
    stepped.replay.seek(start + 10 * minute);
    stepped.replay.seek(start + 50 * minute);
    stepped.replay.seek(start + 5 * minute);
    stepped.replay.seek(T);
    for (const other of [seekedForward, seekedBack, startedThere, stepped]) expect(await other.snapshot()).toEqual(reference);

    // The state really moves with T: alerts, tasks, readings and the forecast all differ between ten minutes and T.
    const earlyNode = node(start + 10 * minute);
    const early = await earlyNode.snapshot();
    await earlyNode.close();
    expect(early.timeline.length).toBeLessThan(reference.timeline.length);
    expect(early.readings.length).toBe(4 * 21);
    expect(reference.readings.length).toBe(4 * 75);
    expect(early.forecasts).toEqual([]);
    expect(reference.forecasts).toEqual([{ id: 'fc-synthetic', state: 'completed', ended_at: start + 20 * minute + 60_000 }]);
    for (const n of [played, seekedForward, seekedBack, startedThere, stepped]) await n.close();
  });

  it('seeks back to a checkpoint and on from it exactly: a spike flag taken off after the checkpoint is back, however often it is crossed', async () => {
    const checkpoint = start + checkpointEveryMs; // the first checkpoint: the jump's first reading arrives at it
    const inletFlags = (snap: Awaited<ReturnType<ReturnType<typeof nodeOf>['snapshot']>>, time: number) =>
      (snap.readings as { sensor_id: string; time: number; flags: number }[]).find((r) => r.sensor_id === 'g-inlet' && r.time === time)!.flags;
    const fresh = async (at: number) => {
      const n = nodeOf(jumping, at);
      const snap = await n.snapshot();
      await n.close();
      return snap;
    };
    const beforeSettled = await fresh(checkpoint + 15_000);
    const afterSettled = await fresh(checkpoint + 45_000);
    const late = await fresh(start + 25 * minute);
    // The state really differs across the checkpoint: the jump is a suspected spike until the next reading confirms it.
    expect(inletFlags(beforeSettled, checkpoint - 1000) & flagBits.spike).toBe(flagBits.spike);
    expect(inletFlags(afterSettled, checkpoint - 1000) & flagBits.spike).toBe(0);

    const seeking = nodeOf(jumping);
    for (const [at, expected] of [
      [jumping.window.to, null],
      [checkpoint + 15_000, beforeSettled],
      [checkpoint + 45_000, afterSettled],
      [checkpoint + 15_000, beforeSettled],
      [start + 25 * minute, late],
      [checkpoint + 45_000, afterSettled],
      [start + 25 * minute, late],
    ] as const) {
      seeking.replay.seek(at);
      if (expected) expect(await seeking.snapshot()).toEqual(expected);
    }
    await seeking.close();
  });

  it('shows readings received up to T only, with the quality flags they had live', async () => {
    const replayed = node(T);
    const source = recording.sensorObservations!.filter((r) => (r.received_at as number) <= T);
    const shown = (await replayed.snapshot()).readings as { sensor_id: string; time: number; value: number; flags: number; received_at: number }[];
    expect(shown).toEqual(source.map((r) => ({ sensor_id: r.sensor_id, time: r.time, value: r.value, flags: r.flags, received_at: r.received_at })).sort((a, b) => (a.sensor_id as string).localeCompare(b.sensor_id as string) || (a.time as number) - (b.time as number)));
    await replayed.close();
  });

  it('writes nothing to its log: the recorded events only, and alerts from them only', async () => {
    const replayed = node();
    replayed.replay.seek(recording.window.to);
    const db = replayed.ops.store.db;
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(recording.events.length);
    await replayed.close();
  });
});
