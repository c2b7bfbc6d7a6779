// Operations-log benchmark: `node scripts/bench-ops.ts [--commands N] [--events N]`
// Prints single-command throughput and latency with synchronous=FULL, batched import of remote
// events, and the time to rebuild the projections from 100k events.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { systemClock } from '../native/clock/clock.ts';
import type { Session } from '../native/rpc/handlers.ts';
import { eventHash, type EventPayload, type OpsEvent } from '../native/ops/event.ts';
import { createHlcState, hlcNow } from '../native/ops/hlc.ts';
import { createProjector, verifyProjections } from '../native/ops/projector.ts';
import { openOpsService } from '../native/ops/service.ts';
import { uuidv7 } from '../native/ops/uuid.ts';
import { signEvent } from '../native/identity/event-signature.ts';
import { trustedDevices } from '../native/identity/test-roster.ts';

const { values } = parseArgs({ options: { commands: { type: 'string', default: '2000' }, events: { type: 'string', default: '100000' } } });
const commandCount = Number(values.commands);
const eventCount = Number(values.events);
const quiet = { info() {}, warn() {}, error() {} };
const dir = mkdtempSync(join(tmpdir(), 'polder-bench-ops-'));
/** Both devices in one roster, so the import checks real signatures as sync would. */
const trust = trustedDevices(['dev_bench', 'dev_remote']);

/** CPU seconds this process used since `from` (user + system): steadier than wall time on a shared machine. */
function cpuSince(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1e6;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** `count` chained, signed events from one remote device: tasks created, then edited four times each. */
function remoteEvents(count: number): OpsEvent[] {
  const origin = 'dev_remote';
  const hlc = createHlcState(origin);
  const events: OpsEvent[] = [];
  let prevHash = '';
  let wall = systemClock().now() - 24 * 3600_000;
  const tasks = Math.ceil(count / 5);
  for (let i = 0; i < count; i++) {
    const task = i % tasks;
    const first = i < tasks;
    wall += 1;
    const at = hlcNow(hlc, wall);
    const payload: EventPayload = first
      ? { create: true as const, set: { title: `Imported task ${task}`, description: 'bench', department: 'works', priority: 'normal', status: 'new', unitId: null, dueAt: null, location: null, alertId: null, incidentId: null, createdAt: wall, createdBy: 'works-1' }, summary: `Task created: Imported task ${task}`, dept: 'works' }
      : { set: { title: `Imported task ${task} v${Math.floor(i / tasks)}` }, summary: 'Task updated (title)', dept: 'works' };
    const unsigned = { id: uuidv7(wall), origin, seq: i + 1, hlc: at, actor: 'works-1', type: first ? 'task.created' : 'task.updated', entity: `bench-task-${task}`, payload, prevHash };
    const hashed = { ...unsigned, hash: eventHash(unsigned) };
    const ev: OpsEvent = { ...hashed, sig: signEvent(hashed, trust.keys.get(origin)!) };
    prevHash = ev.hash;
    events.push(ev);
  }
  return events;
}

try {
  const service = openOpsService({ dataDir: dir, clock: systemClock(), push: { emit() {} }, logger: quiet, ...trust.trusted('dev_bench') });
  const ctx = { session: { id: 'bench', actorId: 'works-lead' } satisfies Session };
  const h = service.handlers;

  // 1. single commands, each its own FULL-sync transaction
  const latencies: number[] = [];
  let cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < commandCount; i++) {
    const t = performance.now();
    if (i % 2 === 0) await h['tasks.create']({ title: `Bench task ${i}`, description: '', department: 'works', priority: 'normal', dueAt: null, location: null, alertId: null, incidentId: null }, ctx);
    else await h['log.append']({ text: `Bench note ${i}`, incidentId: null, entityId: null }, ctx);
    latencies.push(performance.now() - t);
  }
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
  console.log(`single commands (synchronous=FULL): ${commandCount} in ${elapsed.toFixed(2)} s = ${(commandCount / elapsed).toFixed(0)} commands/s; p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms; CPU ${((cpuSince(cpu) / commandCount) * 1000).toFixed(2)} ms/command`);

  // 2. batched import of remote events (signatures and rights checked, deduped, projected)
  const events = remoteEvents(eventCount);
  const batch = 1000;
  cpu = process.cpuUsage();
  const importStart = performance.now();
  for (let i = 0; i < events.length; i += batch) {
    const result = service.applyRemoteEvents(events.slice(i, i + batch));
    if (result.rejected.length) throw new Error(`import rejected ${result.rejected.length} events: ${result.rejected[0]!.reason}`);
  }
  const importSecs = (performance.now() - importStart) / 1000;
  console.log(`batched import: ${eventCount} remote events in batches of ${batch} in ${importSecs.toFixed(2)} s = ${(eventCount / importSecs).toFixed(0)} events/s (${(eventCount / cpuSince(cpu)).toFixed(0)} per CPU-second)`);

  // 3. rebuild from the log
  const total = service.store.db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  cpu = process.cpuUsage();
  const rebuildStart = performance.now();
  const counts = createProjector(service.store.db).rebuild();
  const rebuildSecs = (performance.now() - rebuildStart) / 1000;
  console.log(`rebuild: ${counts.events} events (${eventCount} imported + ${total - eventCount} local) into ${counts.entities} entities in ${rebuildSecs.toFixed(2)} s = ${(counts.events / rebuildSecs).toFixed(0)} events/s (CPU ${cpuSince(cpu).toFixed(2)} s)`);
  const verifyStart = performance.now();
  const verified = verifyProjections(service.store.db);
  console.log(`verify projections (read-only replay, as db check): ${verified.ok ? 'equal' : 'DIFFER'} in ${((performance.now() - verifyStart) / 1000).toFixed(2)} s`);
  await service.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
