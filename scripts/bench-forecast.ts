// Forecast figures on Merewether 2007, through the app's own services (the ops store, the engine's
// worker thread on 2 threads): a new reading (the creek's flow, through the reading trigger as the
// sensor feed gives it) → a 60-minute forecast → updated alerts in the queue, from the scenario's
// start and hot-started from a run's end; the same as a 5-member ensemble; a what-if rerun (a pump
// at the asset at risk) until its difference against the forecast is ready. Each row splits its
// wall time into the stages and gives the process's CPU time (every thread) and the load average.
//   node scripts/bench-forecast.ts [--quick]     (--quick: 15 minutes ahead)
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ForecastRecord } from '../native/api/decide.ts';
import { systemClock } from '../native/clock/clock.ts';
import { createDecideHandlers } from '../native/decide/handlers.ts';
import { silentLogger } from '../native/logger.ts';
import { openOpsService } from '../native/ops/service.ts';
import { repoPaths } from '../native/paths.ts';
import { createSimulationHost } from '../simulation/host/create-host.ts';

const quick = process.argv.includes('--quick');
const ahead = quick ? 15 : 60;
const threads = 2;
const dataDir = mkdtempSync(join(tmpdir(), 'polder-bench-forecast-'));
const clock = systemClock();
const ops = openOpsService({ dataDir, clock, push: { emit() {} }, logger: silentLogger(), backupEveryMs: 0 });
const host = createSimulationHost({ resourcesDir: repoPaths.resources });
const finished = new Map<string, (record: ForecastRecord) => void>();
/** When the engine's result for each forecast reached the app (before impact rules and alerts). */
const engineDone = new Map<string, number>();
host.on((e) => void (e.type === 'forecastDone' && engineDone.set(e.id, performance.now())));
const decide = createDecideHandlers({
  db: ops.store.db,
  clock,
  logger: silentLogger(),
  engine: () => host,
  defaultScenario: 'merewether-2007',
  actor: ops.actor,
  upsertAlert: ops.upsertAlert,
  activity: ops.logActivity,
  createTask: (args, ctx) => ops.handlers['tasks.create']({ ...args, dueAt: null, location: null, alertId: null, incidentId: null }, ctx),
  departments: () => ops.directory.departments.map((d) => d.id),
  push: (method, payload) => {
    if (method !== 'forecast.finished') return;
    for (const settle of finished.values()) settle(payload as ForecastRecord);
  },
  threads,
  // each row's reading comes after the window of the one before: it runs at once, as a first reading does
  readingWindowMs: 1000,
});

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} at the start`);
console.log(`Merewether 2007, ${ahead} min ahead, engine on ${threads} threads (target: reading → alerts ≤ 5 s on 2 cores)`);
console.log('stages: before the engine (reading trigger, start state, pack), engine (every member), impact rules + alerts written\n');
const row = (cells: (string | number)[]) => console.log(cells.map((c, k) => (k === 0 ? String(c).padEnd(40) : String(c).padStart(9))).join(''));
row(['', 'wall s', 'before', 'engine', 'alerts', 'CPU s', 'load', 'steady', 'raised', 'updated']);

const nextFinished = () =>
  new Promise<ForecastRecord>((resolve) => {
    const key = String(finished.size);
    finished.set(key, (record) => (finished.delete(key), resolve(record)));
  });

async function timed(label: string, start: () => Promise<ForecastRecord>) {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const record = await start();
  const t1 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  if (record.state !== 'completed') throw new Error(`forecast ${record.state}: ${record.error}`);
  const engine = record.wallSeconds ?? 0;
  const doneAt = engineDone.get(record.id) ?? t1;
  const alerts = record.alerts ?? [];
  const steadyAt = decide.forecasts.grids(record.id)?.steadyAt;
  row([
    label,
    ((t1 - t0) / 1000).toFixed(2),
    ((doneAt - t0) / 1000 - engine).toFixed(2),
    engine.toFixed(2),
    ((t1 - doneAt) / 1000).toFixed(2),
    ((cpu.user + cpu.system) / 1e6).toFixed(2),
    loadavg()[0]!.toFixed(1),
    steadyAt == null ? '–' : `${Math.round((steadyAt - (record.startSeconds ?? 0)) / 60)} min`,
    alerts.filter((a) => a.action === 'raised').length,
    alerts.filter((a) => a.action === 'updated').length,
  ]);
  return record;
}

/** A new creek reading as the sensor feed gives it: through the reading trigger. */
function reading(discharge: number) {
  const done = nextFinished();
  decide.readings.reading({ kind: 'inflow', inflow: 'creek', discharge });
  return done;
}

function liveRunTo(seconds: number) {
  return new Promise<void>((resolve, reject) => {
    const off = host.on((e) => {
      if (e.type === 'finished') resolve(off());
      if (e.type === 'error') reject(new Error(e.message));
    });
    host.send({ type: 'start', scenario: 'merewether-2007', durationSeconds: seconds, threads });
  });
}

try {
  await timed('reading 19.7 m³/s → alerts (cold)', () => reading(19.7));
  const base = await timed('reading 23 m³/s → alerts', () => reading(23));
  await liveRunTo(600);
  const hot = await timed('… hot-started at a run’s 10 min', () => reading(23));
  await timed('23 m³/s, 5-member ensemble', () => decide.forecasts.run({ aheadMinutes: ahead, members: 5, from: 'start', basis: 'persistence', inflows: { creek: { times: [0], values: [23] } } }, 'system', 'reading').done);
  await timed('… hot-started', () => decide.forecasts.run({ aheadMinutes: ahead, members: 5, from: 'current', basis: 'persistence', inflows: { creek: { times: [0], values: [23] } } }, 'system', 'reading').done);
  for (const [label, from] of [['from the scenario start', base], ['hot-started', hot]] as const) {
    const atRisk = from.impacts!.filter((i) => i.peakDepth >= 0.15 && i.kind !== 'road').sort((a, b) => b.peakDepth - a.peakDepth)[0];
    if (!atRisk) continue;
    const impact = decide.forecasts.grids(from.id)!.impacts.find((i) => i.id === atRisk.id)!;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const { done } = decide.whatIf.run(from.id, 'bench pump', [{ kind: 'addPump', id: 'bench-pump', x: impact.x, y: impact.y, capacity: 2, dischargeTo: null }], 'system');
    const record = await done;
    const diff = decide.whatIf.compare(from.id, record.id);
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    console.log(`\nwhat-if ${label} (2 m³/s pump at ${atRisk.name}) → difference ready: ${wall.toFixed(2)} s wall, engine ${record.wallSeconds?.toFixed(2)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, load ${loadavg()[0]!.toFixed(1)}; ${diff.counts.shallower} cells shallower, ${diff.counts.newlyDry} newly dry, ${diff.counts.deeper} deeper; ${diff.assets.length} assets/roads change`);
  }
} finally {
  decide.close();
  await host.close();
  await ops.close();
  rmSync(dataDir, { recursive: true, force: true });
}
