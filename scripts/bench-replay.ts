// Replay benchmark: `node scripts/bench-replay.ts [--play-seconds N]`
// A synthetic 6-hour recording (ten gauges reading every 10 s, something done every 5 s, the
// threshold alerts the readings raise) is imported into a replay node; prints how long a seek to
// any time takes (forward: applied incrementally; back: the events after it taken back, or the log
// folded again when that is less, and the sensors fed again from the last checkpoint) and how far the
// applied events and readings trail the clock while playing at 60×.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { systemClock } from '../native/clock/clock.ts';
import { seededRandom } from '../native/ops/seeded-random.ts';
import type { SensorSeed } from '../native/sensors/registry.ts';
import { testSeeds } from '../native/sensors/test-sensors.ts';
import { makeSyntheticRecording } from '../native/replay/synthetic-recording.ts';
import { openReplayNode } from '../native/replay/test-replay-node.ts';

const { values } = parseArgs({ options: { 'play-seconds': { type: 'string', default: '30' } } });
const playSeconds = Number(values['play-seconds']);
const dir = mkdtempSync(join(tmpdir(), 'polder-bench-replay-'));
const start = Date.UTC(2007, 5, 8, 6, 0, 0);
const hours = 6;
const seeds: SensorSeed[] = [
  ...testSeeds,
  ...Array.from({ length: 6 }, (_, i): SensorSeed => ({ id: `g-extra-${i + 1}`, name: `Street gauge ${i + 1}`, kind: 'water-level', lon: 151.75 + i * 0.01, lat: -32.95 - i * 0.01, thresholds: { warning: 0.2, danger: 0.4 } })),
];

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

try {
  let t0 = performance.now();
  const recording = await makeSyntheticRecording({ dataDir: join(dir, 'source'), start, hours, seeds, readingEverySeconds: 10, actionEverySeconds: 5 });
  console.log(`recording: ${hours} h, ${recording.events.length} events, ${recording.sensorObservations!.length} readings of ${seeds.length} gauges, ${recording.sensorQuarantine!.length} rejects (made in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);

  t0 = performance.now();
  const node = openReplayNode(recording, join(dir, 'replay'), seeds, systemClock());
  console.log(`import and open at the start: ${(performance.now() - t0).toFixed(0)} ms`);

  const random = seededRandom(11);
  const { from, to } = recording.window;
  const forward: number[] = [];
  const back: number[] = [];
  let cpuMs = 0;
  let at = from;
  for (let i = 0; i < 24; i++) {
    const target = from + Math.floor(random() * (to - from));
    const c0 = cpu();
    const w0 = performance.now();
    node.replay.seek(target);
    const ms = performance.now() - w0;
    cpuMs += cpu() - c0;
    (target < at ? back : forward).push(ms);
    at = target;
  }
  const fmt = (xs: number[]) => (xs.length ? `p50 ${quantile(xs, 0.5).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms (${xs.length})` : 'none');
  console.log(`seek to a random time, forward: ${fmt(forward)}`);
  console.log(`seek to a random time, back (from a checkpoint): ${fmt(back)}`);
  /** One seek's wall and CPU time. */
  const timedSeek = (target: number) => {
    const c = cpu();
    const w = performance.now();
    node.replay.seek(target);
    return `${(performance.now() - w).toFixed(0)} ms wall, ${(cpu() - c).toFixed(0)} ms CPU`;
  };
  node.replay.seek(from);
  console.log(`seek from the start to the end (all applied forward): ${timedSeek(to)}   [target ≤ 1000 ms]`);
  console.log(`seek from the end back a second: ${timedSeek(to - 1000)}   [target ≤ 1000 ms]`);
  console.log(`seek from the end back to the middle (half the events taken back): ${timedSeek(from + (to - from) / 2 - 1000)}   [target ≤ 1000 ms]`);
  node.replay.seek(to);
  console.log(`seek from the end back to a second after the start: ${timedSeek(from + 1000)}   [target ≤ 1000 ms]`);
  console.log(`CPU for the 24 random seeks: ${cpuMs.toFixed(0)} ms`);

  node.replay.seek(from);
  node.replay.setRate(60);
  const lags: number[] = [];
  const c0 = cpu();
  node.replay.play();
  const sampler = setInterval(() => lags.push(node.replay.state().lagMs), 100);
  await new Promise((r) => setTimeout(r, playSeconds * 1000));
  clearInterval(sampler);
  node.replay.pause();
  const state = node.replay.state();
  const played = state.at - from;
  console.log(`play at 60× for ${playSeconds} s: ${(played / 60_000).toFixed(1)} min of the flood, CPU ${(cpu() - c0).toFixed(0)} ms (${((cpu() - c0) / (playSeconds * 10)).toFixed(1)} % of a core)`);
  console.log(`lag of the applied events and readings behind the clock (replay time): p50 ${quantile(lags, 0.5).toFixed(0)} ms, p99 ${quantile(lags, 0.99).toFixed(0)} ms, max ${state.maxLagMs.toFixed(0)} ms (= ${(state.maxLagMs / 60).toFixed(0)} ms of real time)`);
  console.log(`load average: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  await node.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
