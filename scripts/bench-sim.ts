// Flood-engine figures: Merewether 2007 (1000 s simulated, the ARR benchmark set-up) with 1 and
// 2 threads, then a synthetic city at growing sizes to show how cost grows with the grid.
//   node scripts/bench-sim.ts [--quick]     (--quick: 200 s of Merewether, smaller cities)
import { cpus, loadavg } from 'node:os';
import { syntheticCity } from '../simulation/engine/synthetic-city.ts';
import { loadScenario } from '../simulation/scenario/load.ts';
import { checkObservations, meanAbsError } from '../simulation/host/outputs.ts';
import { runSimulation, type RunResult } from '../simulation/host/run.ts';
import { defaultProbes, engineModelOf, readEngineSettings } from '../simulation/host/scenario-model.ts';
import { repoPaths } from '../native/paths.ts';
import { join } from 'node:path';

const quick = process.argv.includes('--quick');
const row = (cells: (string | number)[]) => console.log(cells.map((c) => String(c).padStart(14)).join(''));

async function timed(run: () => Promise<RunResult>) {
  const cpu0 = process.cpuUsage();
  const result = await run();
  const cpu = process.cpuUsage(cpu0);
  return { result, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

const load = () => loadavg()[0]!.toFixed(1);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load average ${load()} at the start`);
console.log('(wall times depend on what else the machine runs; cpu s is this process, all threads;\n cpu ns/upd = cpu time per cell-update, the figure least disturbed by a busy machine)\n');

const dir = join(repoPaths.resources, 'scenarios', 'merewether-2007');
const scenario = await loadScenario(dir);
const engine = readEngineSettings(dir);
const duration = quick ? 200 : 1000;
console.log(`Merewether 2007: ${scenario.grid.nx}×${scenario.grid.ny} cells, ${duration} s simulated, ${engine.scheme ?? 'inertial'} scheme`);
row(['threads', 'wall s', 'cpu s', 'steps', 'M cell-upd/s', 'cpu ns/upd', 'sim:wall', 'mass err %', 'peak MAE m']);
for (const threads of [1, 2]) {
  const { result, cpuSeconds } = await timed(() =>
    runSimulation({ model: engineModelOf(scenario), engine, threads, durationSeconds: duration, probes: defaultProbes(scenario), sampleIntervalSeconds: 50 }),
  );
  const s = result.summary;
  const mae = meanAbsError(checkObservations(scenario, s));
  row([threads, s.wallSeconds.toFixed(2), cpuSeconds.toFixed(2), s.steps, (s.cellUpdatesPerSecond / 1e6).toFixed(1), ((1e9 * cpuSeconds) / s.cellUpdates).toFixed(0), (s.simulatedSeconds / s.wallSeconds).toFixed(0), s.massErrorPercent.toExponential(1), mae === null ? '—' : mae.toFixed(3)]);
}

const sizes = quick ? [250, 500, 1000] : [500, 1000, 2000];
const citySeconds = 20;
console.log(`\nSynthetic city, 2 m cells, storm over all of it (every cell works), ${citySeconds} s simulated, 2 threads`);
row(['cells', 'wall s', 'cpu s', 'steps', 'M cell-upd/s', 'cpu ns/upd']);
for (const size of sizes) {
  const model = syntheticCity({ nx: size, ny: size, rain: 100 });
  // start from a wet town so the time step is that of a flood, not of a first drizzle
  model.initialDepth = new Float32Array(size * size).fill(0.05);
  const { result, cpuSeconds } = await timed(() => runSimulation({ model, engine: { scheme: engine.scheme ?? 'inertial' }, threads: 2, durationSeconds: citySeconds, sampleIntervalSeconds: citySeconds }));
  const s = result.summary;
  row([`${size}×${size}`, s.wallSeconds.toFixed(2), cpuSeconds.toFixed(2), s.steps, (s.cellUpdatesPerSecond / 1e6).toFixed(1), ((1e9 * cpuSeconds) / s.cellUpdates).toFixed(0)]);
}
const busy = loadavg()[0]! > cpus().length;
console.log(`\nload average ${load()} at the end${busy ? ': above the core count, other work shared the cores and wall times grew' : ''}`);
