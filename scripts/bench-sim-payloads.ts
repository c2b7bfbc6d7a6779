// What the map's flood views cost on the wire: Merewether 2007 (1000 s simulated, a frame every
// 10 s) through the app's sim handlers and the real engine thread. Per frame: the `sim.frame` push
// (depth PNG, probes, assets) and what `sim.results` answers for the arrival and hazard views
// (deflated values), with the time to answer each in native and decode it as the renderer does;
// then, at the last frame, the formats not chosen.
//   node scripts/bench-sim-payloads.ts
import { encodePng } from '../native/scenario/png.ts';
import { createSimHandlers } from '../native/sim/handlers.ts';
import { createResultHistory } from '../native/sim/result-grids.ts';
import type { SimResults, SimResultView } from '../native/api/sim.ts';
import { repoPaths } from '../native/paths.ts';
import { decodeResults } from '../renderer/src/map/flood-results.ts';
import { arrivalRamp, hazardRamp, paintGrid } from '../renderer/src/map/ramps.ts';

interface Row {
  frame: number;
  depthImage: number;
  assets: number;
  results: Record<SimResultView, { bytes: number; encodeMs: number; answer: SimResults }>;
}

const rows: Row[] = [];
let finished: () => void = () => {};
const done = new Promise<void>((resolve) => (finished = resolve));
// One frame measured at a time, each right after it arrives (the run goes on meanwhile).
let measuring = Promise.resolve();
const sim = createSimHandlers({
  resourcesDir: repoPaths.resources,
  defaultScenario: 'merewether-2007',
  push: (event, payload) => {
    if (event === 'sim.finished') void measuring.then(finished);
    if (event !== 'sim.frame') return;
    const frame = payload as { image: string; assets: unknown[] };
    measuring = measuring.then(async () => {
      const results = {} as Row['results'];
      for (const view of ['arrival', 'hazard'] as const) {
        const t0 = performance.now();
        const answer = (await sim.handlers['sim.results']({ view }))!;
        results[view] = { bytes: JSON.stringify(answer).length, encodeMs: performance.now() - t0, answer };
      }
      rows.push({ frame: JSON.stringify(payload).length, depthImage: frame.image.length, assets: JSON.stringify(frame.assets).length, results });
    });
  },
});
await sim.handlers['sim.start']({ frameIntervalSeconds: 10 });
await done;
await sim.close();

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const stats = (values: number[]) => ({ mean: values.reduce((a, b) => a + b, 0) / values.length, max: Math.max(...values), total: values.reduce((a, b) => a + b, 0) });
const last = rows.at(-1)!;
const { width, height } = last.results.arrival.answer;
console.log(`Merewether 2007: ${rows.length} frames, display grid ${width}×${height} (${last.results.arrival.answer.cellsPerPixel} cell per pixel)\n`);
console.log('per frame (JSON as sent)                 mean        max      whole run');
const line = (name: string, values: number[]) => {
  const s = stats(values);
  console.log(`${name.padEnd(38)}${kb(s.mean).padStart(10)}${kb(s.max).padStart(11)}${kb(s.total).padStart(15)}`);
};
line('sim.frame push (all of it)', rows.map((r) => r.frame));
line('  of which the depth PNG', rows.map((r) => r.depthImage));
line('  of which the assets', rows.map((r) => r.assets));
line('sim.results arrival (uint16, deflated)', rows.map((r) => r.results.arrival.bytes));
line('sim.results hazard (uint8, deflated)', rows.map((r) => r.results.hazard.bytes));
for (const view of ['arrival', 'hazard'] as const) {
  const encode = stats(rows.map((r) => r.results[view].encodeMs));
  const t0 = performance.now();
  for (const r of rows) await decodeResults(r.results[view].answer);
  const decodeMs = (performance.now() - t0) / rows.length;
  console.log(`${view}: answered in ${encode.mean.toFixed(2)} ms mean (${encode.max.toFixed(2)} max) while the engine runs, decoded in ${decodeMs.toFixed(2)} ms mean by the renderer's code`);
}

// The same encoding again with the engine idle (the figures above share the cores with it).
const arrivalGrid = await decodeResults(last.results.arrival.answer);
const hazardGrid = await decodeResults(last.results.hazard.answer);
const endGrids = { time: 1000, nx: width, ny: height, arrival: Float32Array.from(arrivalGrid.values, (t) => (Number.isNaN(t) ? -1 : t)), hazard: hazardGrid.values as Uint8Array };
const history = createResultHistory(width, height);
let t0 = performance.now();
for (let i = 0; i < 30; i++) history.record({ ...endGrids, time: endGrids.time + i });
console.log(`recording a frame's grids: ${((performance.now() - t0) / 30).toFixed(2)} ms with the engine idle`);
for (const view of ['arrival', 'hazard'] as const) {
  for (let i = 0; i < 5; i++) await history.encode(view, null, 1000);
  t0 = performance.now();
  for (let i = 0; i < 30; i++) await history.encode(view, null, 1000);
  console.log(`${view}: encoded in ${((performance.now() - t0) / 30).toFixed(2)} ms with the engine idle`);
}

console.log('\nformats not chosen, at the last frame (base64 as a JSON string would carry them):');
const b64 = (bytes: number) => Math.ceil(bytes / 3) * 4;
const cells = width * height;
const png = (values: Float32Array | Uint8Array, ramp: typeof hazardRamp) => b64(encodePng(new Uint8Array(paintGrid(values, width, height, ramp).buffer), width, height).length);
console.log(`  arrival as raw float32 ${kb(b64(cells * 4))}, raw uint16 ${kb(b64(cells * 2))}, pre-coloured PNG ${kb(png(arrivalGrid.values, arrivalRamp(arrivalGrid.durationSeconds)))}; chosen ${kb(last.results.arrival.bytes)}`);
console.log(`  hazard as raw uint8 ${kb(b64(cells))}, pre-coloured PNG ${kb(png(hazardGrid.values, hazardRamp))}; chosen ${kb(last.results.hazard.bytes)}`);
const both = stats(rows.map((r) => r.results.arrival.bytes + r.results.hazard.bytes)).total;
console.log(`\nboth views pushed with every frame would add ${kb(both)} over the run (+${Math.round((100 * both) / stats(rows.map((r) => r.frame)).total)}% on the frames);`);
console.log('pulled, a client pays for one view only while it shows it, at most one request in flight.');
