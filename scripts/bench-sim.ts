// Flood-engine figures, each scheme: Merewether 2007 (1000 s simulated, the ARR benchmark set-up)
// on 1 and 2 threads, EA Test 4 (5 h of a wave over a flat plain, 80 000 cells), and a synthetic
// city whose every cell works, to show the cost per cell-update at scale.
//   node scripts/bench-sim.ts [--quick]     (--quick: 200 s of Merewether, 1 h of EA Test 4, a 1000² city)
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Scheme } from '../simulation/engine/model.ts';
import { schemeForTerrain } from '../simulation/engine/scheme-choice.ts';
import { syntheticCity } from '../simulation/engine/synthetic-city.ts';
import { runEaTest4 } from '../simulation/host/ea-test4.ts';
import { checkObservations, meanAbsError } from '../simulation/host/outputs.ts';
import { runSimulation, type RunResult } from '../simulation/host/run.ts';
import { defaultProbes, engineModelOf, readEngineSettings } from '../simulation/host/scenario-model.ts';
import { loadScenario } from '../simulation/scenario/load.ts';
import { repoPaths } from '../native/paths.ts';

const quick = process.argv.includes('--quick');
const schemes: Scheme[] = ['inertial', 'hll'];
const row = (cells: (string | number)[]) => console.log(cells.map((c) => String(c).padStart(13)).join(''));
const cpuNow = () => {
  const t = process.cpuUsage();
  return (t.user + t.system) / 1e6;
};

async function timed(run: () => Promise<RunResult>) {
  const cpu0 = cpuNow();
  const result = await run();
  return { result, cpuSeconds: cpuNow() - cpu0 };
}

const load = () => loadavg()[0]!.toFixed(1);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load average ${load()} at the start`);
console.log('(wall times depend on what else the machine runs; cpu s is this process, all threads;\n cpu ns/upd = cpu time per cell-update, the figure least disturbed by a busy machine)\n');

const dir = join(repoPaths.resources, 'scenarios', 'merewether-2007');
const scenario = await loadScenario(dir);
const packEngine = readEngineSettings(dir);
const duration = quick ? 200 : 1000;
const byTerrain = schemeForTerrain(engineModelOf(scenario));
console.log(`Merewether 2007: ${scenario.grid.nx}×${scenario.grid.ny} cells, ${duration} s simulated (the pack runs ${packEngine.scheme ?? 'inertial'}; by terrain alone ${byTerrain.scheme}, ${(100 * byTerrain.supercriticalShare).toFixed(0)} % of cells steep)`);
row(['scheme', 'threads', 'wall s', 'cpu s', 'steps', 'M upd/s', 'cpu ns/upd', 'sim:wall', 'mass err %', 'peak MAE m']);
for (const scheme of schemes) {
  for (const threads of [1, 2]) {
    const { result, cpuSeconds } = await timed(() =>
      runSimulation({ model: engineModelOf(scenario), engine: { ...packEngine, scheme }, threads, durationSeconds: duration, probes: defaultProbes(scenario), sampleIntervalSeconds: 50 }),
    );
    const s = result.summary;
    const mae = meanAbsError(checkObservations(scenario, s));
    row([scheme, threads, s.wallSeconds.toFixed(2), cpuSeconds.toFixed(2), s.steps, (s.cellUpdatesPerSecond / 1e6).toFixed(1), ((1e9 * cpuSeconds) / s.cellUpdates).toFixed(0), (s.simulatedSeconds / s.wallSeconds).toFixed(0), s.massErrorPercent.toExponential(1), mae === null ? '—' : mae.toFixed(3)]);
  }
}

const eaEnd = quick ? 3600 : 18000;
console.log(`\nEA Test 4: 200×400 cells of 5 m, ${eaEnd} s simulated, 1 thread; RMSE against LISFLOOD-FP 8 (1 m)`);
row(['scheme', 'friction', 'wall s', 'cpu s', 'cpu ns/upd', 'worst RMSE m', 'mass err %']);
for (const [scheme, friction] of [['inertial', 'vector'], ['inertial', 'face'], ['hll', 'vector']] as const) {
  const wall0 = performance.now();
  const cpu0 = cpuNow();
  const r = runEaTest4({ scheme, friction }, 5, eaEnd);
  const cpuSeconds = cpuNow() - cpu0;
  const worst = Math.max(...r.points.map((p) => p.rmse));
  row([scheme, scheme === 'hll' ? '(cell)' : friction, ((performance.now() - wall0) / 1000).toFixed(2), cpuSeconds.toFixed(2), ((1e9 * cpuSeconds) / r.cellUpdates).toFixed(0), worst.toFixed(4), r.massErrorPercent.toExponential(1)]);
}

const size = quick ? 1000 : 2000;
const citySeconds = 20;
console.log(`\nSynthetic city ${size}×${size}, 2 m cells, storm over all of it (every cell works), ${citySeconds} s simulated, 2 threads`);
row(['scheme', 'wall s', 'cpu s', 'steps', 'M upd/s', 'cpu ns/upd']);
for (const scheme of schemes) {
  const model = syntheticCity({ nx: size, ny: size, rain: 100 });
  // start from a wet town so the time step is that of a flood, not of a first drizzle
  model.initialDepth = new Float32Array(size * size).fill(0.05);
  const { result, cpuSeconds } = await timed(() => runSimulation({ model, engine: { scheme }, threads: 2, durationSeconds: citySeconds, sampleIntervalSeconds: citySeconds }));
  const s = result.summary;
  row([scheme, s.wallSeconds.toFixed(2), cpuSeconds.toFixed(2), s.steps, (s.cellUpdatesPerSecond / 1e6).toFixed(1), ((1e9 * cpuSeconds) / s.cellUpdates).toFixed(0)]);
}
const busy = loadavg()[0]! > cpus().length;
console.log(`\nload average ${load()} at the end${busy ? ': above the core count, other work shared the cores and wall times grew' : ''}`);
