// Exercise benchmark: `node scripts/bench-exercise.ts [--injects N] [--every s] [--speed x]`
// Runs an MSEL of N message and alert injects, one every `every` scenario seconds, on a virtual
// clock at `speed`× the system clock, and prints how late each was delivered (scenario time from
// its planned time to the inject.delivered event): median, p99 and max, with the CPU time used.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../native/clock/clock.ts';
import { virtualClock } from '../native/clock/virtual-clock.ts';
import { startExerciseRunner } from '../native/exercise/runner.ts';
import type { InjectPlan } from '../native/api/exercise.ts';
import { openOpsService } from '../native/ops/service.ts';

const { values } = parseArgs({ options: { injects: { type: 'string', default: '120' }, every: { type: 'string', default: '5' }, speed: { type: 'string', default: '60' } } });
const count = Number(values.injects);
const everyMs = Number(values.every) * 1000;
const speed = Number(values.speed);
const quiet = { info() {}, warn() {}, error() {} };
const dir = mkdtempSync(join(tmpdir(), 'polder-bench-exercise-'));
const start = Date.UTC(2007, 5, 8, 5);
const clock = virtualClock({ source: systemClock(), start, rate: speed, mode: 'exercise' });
const ops = openOpsService({ dataDir: dir, clock, push: { emit() {} }, logger: quiet, backupEveryMs: 0 });
const injects: InjectPlan[] = Array.from({ length: count }, (_, i) => ({
  number: String(i + 1), at: start + (i + 1) * everyMs, method: i % 4 === 0 ? 'alert' : 'message', from: 'SimCell', to: 'EOC', department: 'eoc',
  synopsis: `Bench inject ${i + 1}`, expectedAction: '', objective: '', controller: '', evaluatorNotes: '',
  alert: i % 4 === 0 ? { severity: 'Severe', urgency: 'Immediate', certainty: 'Observed' } : null, sensor: null,
}));
const runner = startExerciseRunner({ exerciseId: 'bench', msel: { start, injects }, clock, ops, logger: quiet, readings: { receive() {}, latestValue: () => null }, changed() {} });
const cpu = process.cpuUsage();
const wallStart = performance.now();
clock.play();
while (runner.state().injects.some((i) => i.status === 'pending')) await new Promise((r) => setTimeout(r, 200));
const wall = performance.now() - wallStart;
const used = process.cpuUsage(cpu);
const late = runner.state().injects.map((i) => i.deliveredAt! - i.at).sort((a, b) => a - b);
const at = (q: number) => late[Math.min(late.length - 1, Math.floor(late.length * q))]!;
console.log(`exercise at ${speed}×, ${count} injects every ${everyMs / 1000} scenario s: lateness (scenario ms) median ${at(0.5)}, p99 ${at(0.99)}, max ${late.at(-1)}; that is ${(at(0.99) / speed).toFixed(1)} ms of real time at p99`);
console.log(`wall ${(wall / 1000).toFixed(1)} s, CPU ${((used.user + used.system) / 1000).toFixed(0)} ms`);
runner.close();
await ops.close();
rmSync(dir, { recursive: true, force: true });
