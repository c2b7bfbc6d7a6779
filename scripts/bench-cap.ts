// CAP 1.2 benchmark: `node scripts/bench-cap.ts [--messages N]`
// Prints the time to export an alert as CAP (built, schema-validated by libxml2 in WebAssembly,
// recorded) and to import one (validated, raised in the queue, recorded), median and p95.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { systemClock } from '../native/clock/clock.ts';
import { createCapService } from '../native/decide/cap/cap-service.ts';
import { createCapValidator } from '../native/decide/cap/cap-validate.ts';
import { openOpsService } from '../native/ops/service.ts';
import { repoPaths } from '../native/paths.ts';

const { values } = parseArgs({ options: { messages: { type: 'string', default: '40' } } });
const count = Number(values.messages);
const quiet = { info() {}, warn() {}, error() {} };
const validator = createCapValidator(repoPaths.resources);
const ctx = { session: { id: 'bench', actorId: 'eoc-lead' } };
const dirs: string[] = [];

function node(sender: string) {
  const dir = mkdtempSync(join(tmpdir(), 'polder-bench-cap-'));
  dirs.push(dir);
  const clock = systemClock();
  const ops = openOpsService({ dataDir: dir, clock, push: { emit() {} }, logger: quiet, backupEveryMs: 0 });
  return { ops, cap: createCapService({ db: ops.store.db, validator, queue: ops, clock, sender, areaDesc: 'Merewether' }) };
}

const stats = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, p95 ${sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!.toFixed(1)} ms`;
};

const a = node('bench-a@polder');
const b = node('bench-b@polder');
const ring: [number, number][] = [
  [151.7401, -32.9431],
  [151.7422, -32.9431],
  [151.7422, -32.9448],
  [151.7401, -32.9448],
  [151.7401, -32.9431],
];
const exports: number[] = [];
const imports: number[] = [];
for (let i = 0; i < count; i++) {
  const { alert } = await a.ops.handlers['alerts.raise']({ source: 'model', title: `Bench alert ${i}`, description: 'Depth over 0.5 m', severity: 'Severe', urgency: 'Immediate', certainty: 'Likely', area: { type: 'Polygon', coordinates: [ring] }, dedupeKey: null, incidentId: null }, ctx);
  let t = performance.now();
  const { xml } = await a.cap.export(alert.id, ctx);
  exports.push(performance.now() - t);
  t = performance.now();
  const result = await b.cap.import(Buffer.from(xml), 'bench', ctx);
  imports.push(performance.now() - t);
  if (!result.accepted) throw new Error(`import refused: ${result.reasons.join('; ')}`);
}
console.log(`CAP export (build + XSD + rules + record), ${count} alerts: ${stats(exports)}`);
console.log(`CAP import (XSD + rules + raise + record), ${count} messages: ${stats(imports)}`);
await a.ops.close();
await b.ops.close();
for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
