// What a simulation run's map frames cost: Merewether 2007 (1000 s simulated, a frame every 10 s)
// through the real app (createApp: ops store, sim handlers, the engine in its worker thread).
// Per frame: the bytes of the binary WebSocket message serve mode sends (`sim.frame`: metadata,
// probes, assets and the engine's packed grids), the services thread's work (event-loop
// utilisation and its longest stall while the engine runs) and what the renderer's code takes to
// unpack and colour each view (run here in Node, the same code and web streams).
//   node scripts/bench-sim-payloads.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { SimFrame } from '../native/api/sim.ts';
import { createApp, nodeRuntime } from '../native/app.ts';
import { systemClock } from '../native/clock/clock.ts';
import { silentLogger } from '../native/logger.ts';
import { repoPaths } from '../native/paths.ts';
import { encodeServerFrame } from '../native/serve/binary-frame.ts';
import { createFramePainter, unpackFrame } from '../renderer/src/map/flood-frame.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'polder-bench-payloads-'));
const app = await createApp({ dataDir, resourcesDir: repoPaths.resources, clock: systemClock(), logger: silentLogger(), host: 'serve', runtime: nodeRuntime() });
const ctx = { session: { id: 'bench', actorId: 'eoc-lead' } };

const frames: { frame: SimFrame; messageBytes: number; encodeMs: number }[] = [];
let finished: () => void = () => {};
const done = new Promise<void>((resolve) => (finished = resolve));
app.pushes.listen((event, payload) => {
  if (event === 'sim.finished') finished();
  if (event !== 'sim.frame') return;
  const t0 = performance.now();
  const message = encodeServerFrame({ t: 'push', event, payload });
  frames.push({ frame: payload as SimFrame, messageBytes: message.length, encodeMs: performance.now() - t0 });
});

const stalls = monitorEventLoopDelay({ resolution: 1 });
const elu0 = performance.eventLoopUtilization();
stalls.enable();
const wall0 = performance.now();
await app.handlers['sim.start']({ frameIntervalSeconds: 10 }, ctx);
await done;
const wall = performance.now() - wall0;
stalls.disable();
const elu = performance.eventLoopUtilization(elu0);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const stats = (values: number[]) => ({ mean: values.reduce((a, b) => a + b, 0) / values.length, max: Math.max(...values), total: values.reduce((a, b) => a + b, 0) });
const last = frames.at(-1)!.frame;
console.log(`Merewether 2007: ${frames.length} frames, display grid ${last.width}×${last.height} (${last.cellsPerPixel} cell per pixel)\n`);
console.log('per frame                                mean        max      whole run');
const line = (name: string, values: number[]) => {
  const s = stats(values);
  console.log(`${name.padEnd(38)}${kb(s.mean).padStart(10)}${kb(s.max).padStart(11)}${kb(s.total).padStart(15)}`);
};
line('sim.frame message (binary, all of it)', frames.map((f) => f.messageBytes));
line('  of which the packed grids', frames.map((f) => f.frame.grids.length));
line('  of which the assets (JSON)', frames.map((f) => JSON.stringify(f.frame.assets).length));
const encode = stats(frames.map((f) => f.encodeMs));
console.log(`\nservices thread while the run went (${(wall / 1000).toFixed(1)} s wall): busy ${(elu.utilization * 100).toFixed(1)}% (${(elu.active / frames.length).toFixed(2)} ms a frame, everything included), longest stall ${(stalls.max / 1e6).toFixed(1)} ms (p99 ${(stalls.percentile(99) / 1e6).toFixed(1)} ms)`);
console.log(`  framing a message: ${encode.mean.toFixed(3)} ms mean, ${encode.max.toFixed(3)} ms max`);

// The renderer's side, with the engine idle: unpack once a frame, colour each view.
const painter = createFramePainter();
const firstCodes = await unpackFrame(last);
for (const view of ['depth', 'arrival', 'hazard'] as const) painter.paint(view, last, firstCodes);
let t0 = performance.now();
for (const { frame } of frames) await unpackFrame(frame);
console.log(`\nrenderer code: unpacking a frame ${((performance.now() - t0) / frames.length).toFixed(2)} ms mean`);
const codes = await Promise.all(frames.map(({ frame }) => unpackFrame(frame)));
for (const view of ['depth', 'arrival', 'hazard'] as const) {
  let pixels: Uint8ClampedArray<ArrayBuffer> | undefined;
  t0 = performance.now();
  for (const [k, { frame }] of frames.entries()) pixels = painter.paint(view, frame, codes[k]!, pixels);
  console.log(`  colouring ${view.padEnd(7)} ${((performance.now() - t0) / frames.length).toFixed(2)} ms mean`);
}

await app.close();
rmSync(dataDir, { recursive: true, force: true });
