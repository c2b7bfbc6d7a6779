import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../clock/clock.ts';
import { tempDir } from '../store/test-helpers.ts';
import { testSeeds } from '../sensors/test-sensors.ts';
import type { Recording } from '../record/format.ts';
import { makeSyntheticRecording } from './synthetic-recording.ts';
import { openReplayNode } from './test-replay-node.ts';

const start = Date.UTC(2007, 5, 8, 6, 0, 0);
const minute = 60_000;
let dir: ReturnType<typeof tempDir>;
let recording: Recording;
let nodes = 0;
// The system clock as the replay clock's source: under vitest's fake timers it reads the fake time they advance.
const fakeTimeSource = systemClock();
const node = (at?: number) => openReplayNode(recording, join(dir.dir, `node-${nodes++}`), testSeeds, fakeTimeSource, at === undefined ? {} : { at });

beforeAll(async () => {
  dir = tempDir('polder-replay-');
  // An hour: a reading from each of four gauges every 30 s (crossing their thresholds), something done every minute.
  recording = await makeSyntheticRecording({ dataDir: join(dir.dir, 'source'), start, hours: 1, seeds: testSeeds, readingEverySeconds: 30, actionEverySeconds: 60 });
});
afterAll(() => dir.cleanup());
afterEach(() => vi.useRealTimers());

// Between two ticks of the recording, so a timer late by a millisecond (60 ms of replay) changes nothing.
const T = start + 37 * minute + 15_000;

describe('replay', () => {
  it('reaches the same state at T by playing at 60× from the start as by seeking there, forward or back', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const played = node();
    const before = played.snapshot();
    expect(before.entities.length).toBeGreaterThan(0); // the units seeded at the start
    played.replay.setRate(60);
    played.replay.play();
    await vi.advanceTimersByTimeAsync((T - start) / 60);
    played.replay.pause();
    expect(played.clock.now()).toBe(T);
    const reference = played.snapshot();
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
    for (const other of [seekedForward, seekedBack, startedThere, stepped]) expect(other.snapshot()).toEqual(reference);

    // The state really moves with T: alerts, tasks, readings and the forecast all differ between ten minutes and T.
    const early = node(start + 10 * minute).snapshot();
    expect(early.timeline.length).toBeLessThan(reference.timeline.length);
    expect(early.readings.length).toBe(4 * 21);
    expect(reference.readings.length).toBe(4 * 75);
    expect(early.forecasts).toEqual([]);
    expect(reference.forecasts).toEqual([{ id: 'fc-synthetic', state: 'completed', ended_at: start + 20 * minute + 60_000 }]);
    for (const n of [played, seekedForward, seekedBack, startedThere, stepped]) await n.close();
  });

  it('shows readings received up to T only, with the quality flags they had live', async () => {
    const replayed = node(T);
    const source = recording.sensorObservations!.filter((r) => (r.received_at as number) <= T);
    const shown = replayed.snapshot().readings as { sensor_id: string; time: number; value: number; flags: number; received_at: number }[];
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
