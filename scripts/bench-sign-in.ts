// Sign-in and signature benchmark: `node scripts/bench-sign-in.ts [--runs N]`
// Prints the time one sign-in takes with the scrypt parameters the roster records (the whole
// session.login, as a window calls it), and the cost of signing and verifying one event.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { systemClock } from '../native/clock/clock.ts';
import { demoPin, demoRoster } from '../native/identity/demo-roster.ts';
import { eventSigningBytes } from '../native/identity/event-signature.ts';
import { generateSigningKey, signatureChecker } from '../native/identity/keys.ts';
import { defaultKdf } from '../native/identity/secret.ts';
import { openOpsService } from '../native/ops/service.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' } } });
const runs = Number(values.runs);
const quiet = { info() {}, warn() {}, error() {} };
const dir = mkdtempSync(join(tmpdir(), 'polder-bench-sign-in-'));
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

try {
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
  const service = openOpsService({ dataDir: dir, clock: systemClock(), push: { emit() {} }, logger: quiet, roster: demoRoster(), backupEveryMs: 0 });
  const login = service.handlers['session.login'];
  const wall: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const session = { id: `bench-${i}`, actorId: null as string | null };
    const t = performance.now();
    await login({ actorId: 'eoc-lead', secret: demoPin }, { session });
    wall.push(performance.now() - t);
    if (session.actorId !== 'eoc-lead') throw new Error('the sign-in did not take');
  }
  const used = process.cpuUsage(cpu);
  wall.sort((a, b) => a - b);
  const memory = (128 * defaultKdf.N * defaultKdf.r) / 2 ** 20;
  console.log(
    `sign-in (scrypt N=${defaultKdf.N} r=${defaultKdf.r} p=${defaultKdf.p}, ${memory} MiB): ${runs} in a row, p50 ${percentile(wall, 50).toFixed(0)} ms, p99 ${percentile(wall, 99).toFixed(0)} ms; CPU ${((used.user + used.system) / 1000 / runs).toFixed(0)} ms each`,
  );
  await service.close();

  // Signing and verifying one event's RFC 8785 bytes (what every local write and every received event costs).
  const key = generateSigningKey();
  const check = signatureChecker(key.publicKey);
  const event = {
    id: '0190f5a0-0000-7000-8000-000000000000', origin: 'dev_bench', seq: 1, hlc: '001760000000000-0000-dev_bench', actor: 'works-1', type: 'task.updated', entity: 'task-1',
    payload: { set: { title: 'Pump out the Glebe underpass', status: 'in_progress' }, base: { title: '001760000000000-0000-dev_bench' }, summary: 'Task updated (title, status)', dept: 'works' }, prevHash: 'a'.repeat(64), hash: 'b'.repeat(64),
  };
  const n = 5000;
  let t = performance.now();
  let sig = '';
  for (let i = 0; i < n; i++) sig = key.sign(eventSigningBytes({ ...event, seq: i + 1 }));
  const signUs = ((performance.now() - t) * 1000) / n;
  t = performance.now();
  let ok = 0;
  for (let i = 0; i < n; i++) if (check(eventSigningBytes({ ...event, seq: n }), sig)) ok++;
  const verifyUs = ((performance.now() - t) * 1000) / n;
  if (ok !== n) throw new Error('a signature did not verify');
  console.log(`event signatures (Ed25519 over RFC 8785 bytes): sign ${signUs.toFixed(0)} µs, verify ${verifyUs.toFixed(0)} µs per event = ${(1e6 / verifyUs).toFixed(0)} received events/s on one core`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
