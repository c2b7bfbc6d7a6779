// Forecast figures on Merewether 2007, through the app's own services (the ops store, the engine's
// worker thread on 2 threads): a new reading (the creek's flow) → a 60-minute forecast → updated
// alerts in the queue; the same as a 5-member ensemble; a what-if rerun (a pump at the asset at
// risk) until its difference against the forecast is ready.
//   node scripts/bench-forecast.ts [--quick]     (--quick: 15 minutes ahead)
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../native/clock/clock.ts';
import { createDecideHandlers } from '../native/decide/handlers.ts';
import { silentLogger } from '../native/logger.ts';
import { openOpsService } from '../native/ops/service.ts';
import { repoPaths } from '../native/paths.ts';
import { createSimulationHost } from '../simulation/host/create-host.ts';

const quick = process.argv.includes('--quick');
const ahead = quick ? 15 : 60;
const dataDir = mkdtempSync(join(tmpdir(), 'polder-bench-forecast-'));
const clock = systemClock();
const ops = openOpsService({ dataDir, clock, push: { emit() {} }, logger: silentLogger(), backupEveryMs: 0 });
const host = createSimulationHost({ resourcesDir: repoPaths.resources });
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
  push: () => {},
  threads: 2,
});

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} at the start`);
console.log(`Merewether 2007, ${ahead} min ahead, engine on 2 threads (target: reading → alerts ≤ 5 s on 2 cores)\n`);
const row = (cells: (string | number)[]) => console.log(cells.map((c, k) => (k === 0 ? String(c).padEnd(34) : String(c).padStart(12))).join(''));
row(['', 'wall s', 'alerts', 'raised', 'updated']);

async function reading(label: string, discharge: number, members: number) {
  const t0 = performance.now();
  const { done } = decide.forecasts.run({ aheadMinutes: ahead, members, from: 'start', basis: 'persistence', inflows: { creek: { times: [0], values: [discharge] } } }, 'system', 'reading');
  const record = await done;
  const wall = (performance.now() - t0) / 1000;
  if (record.state !== 'completed') throw new Error(`forecast ${record.state}: ${record.error}`);
  const alerts = record.alerts ?? [];
  row([label, wall.toFixed(2), alerts.length, alerts.filter((a) => a.action === 'raised').length, alerts.filter((a) => a.action === 'updated').length]);
  return record;
}

try {
  await reading('reading 19.7 m³/s → alerts (cold)', 19.7, 1);
  const base = await reading('reading 23 m³/s → alerts', 23, 1);
  await reading('reading 23 m³/s, 5-member ensemble', 23, 5);
  const atRisk = base.impacts!.filter((i) => i.peakDepth >= 0.15 && i.kind !== 'road').sort((a, b) => b.peakDepth - a.peakDepth)[0];
  if (atRisk) {
    const impact = decide.forecasts.grids(base.id)!.impacts.find((i) => i.id === atRisk.id)!;
    const t0 = performance.now();
    const { done } = decide.whatIf.run(base.id, 'bench pump', [{ kind: 'addPump', id: 'bench-pump', x: impact.x, y: impact.y, capacity: 2, dischargeTo: null }], 'system');
    const record = await done;
    const diff = decide.whatIf.compare(base.id, record.id);
    const wall = (performance.now() - t0) / 1000;
    console.log(`\nwhat-if (2 m³/s pump at ${atRisk.name}) → difference ready: ${wall.toFixed(2)} s wall; ${diff.counts.shallower} cells shallower, ${diff.counts.newlyDry} newly dry, ${diff.counts.deeper} deeper; ${diff.assets.length} assets/roads change`);
  }
} finally {
  decide.close();
  await host.close();
  await ops.close();
  rmSync(dataDir, { recursive: true, force: true });
}
