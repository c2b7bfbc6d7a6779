// Recording benchmark: `node scripts/bench-record.ts [--events N]`
// A 6-hour operations log (default one event a second, signed) is exported as one recording,
// verified and imported into a new data folder; prints each step's time and the file's size.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { manualClock } from '../native/clock/clock.ts';
import { trustedDevices } from '../native/identity/test-roster.ts';
import { openOpsService, opsBackupDir, opsDatabasePath } from '../native/ops/service.ts';
import { migrations } from '../native/store/migrations/index.ts';
import { openStore } from '../native/store/store.ts';
import { exportRecording } from '../native/record/export.ts';
import { importRecording } from '../native/record/import.ts';
import { parseRecording, verifyRecording } from '../native/record/verify.ts';

const { values } = parseArgs({ options: { events: { type: 'string', default: '21600' } } });
const count = Number(values.events);
const quiet = { info() {}, warn() {}, error() {} };
const dir = mkdtempSync(join(tmpdir(), 'polder-bench-record-'));
const hours = 6;
const start = Date.UTC(2007, 5, 8, 6, 0, 0);
const trust = trustedDevices(['dev_bench']);

function timed<T>(label: string, run: () => T): T {
  const t0 = performance.now();
  const result = run();
  console.log(`${label.padEnd(44)} ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  return result;
}

try {
  const source = join(dir, 'live');
  const clock = manualClock(start);
  const ops = openOpsService({ dataDir: source, clock, push: { emit() {} }, logger: quiet, ...trust.trusted('dev_bench'), seedUnits: [], backupEveryMs: 0 });
  const lead = ops.directory.actors.find((a) => a.id === 'eoc-lead')!;
  const step = (hours * 3600_000) / count;
  timed(`write ${count} signed events over ${hours} h`, () => {
    for (let i = 0; i < count; i += 100) {
      const drafts = [];
      for (let j = i; j < Math.min(count, i + 100); j++) {
        clock.set(start + j * step);
        drafts.push({ type: 'log.entry', entity: `log-${j}`, payload: { create: true as const, set: { text: `Report ${j}`, department: 'eoc', author: lead.id, at: clock.now() }, summary: `Report ${j}`, dept: 'eoc' } });
      }
      ops.core.write(lead, drafts);
    }
  });
  await ops.close();

  const store = openStore({ path: opsDatabasePath(source), backupDir: opsBackupDir(source), migrations, logger: quiet, readonly: true });
  const recording = timed('export the whole window', () =>
    exportRecording({ db: store.db, from: start, to: start + hours * 3600_000, now: start + hours * 3600_000, deviceId: 'dev_bench', key: trust.keys.get('dev_bench')!, roster: trust.roster, packs: () => [] }),
  );
  store.close();
  const file = join(dir, 'recording.json');
  writeFileSync(file, JSON.stringify(recording));
  console.log(`${'recording file'.padEnd(44)} ${(statSync(file).size / 1e6).toFixed(1)} MB, ${recording.events.length} events`);
  const parsed = timed('parse the file (schema)', () => parseRecording(recording));
  if (!parsed.ok) throw new Error(parsed.problem);
  const problems = timed('verify (hashes, links, signatures, roles)', () => verifyRecording(parsed.recording, () => null));
  if (problems.length) throw new Error(`bench recording does not verify: ${problems[0]}`);
  timed('import into a new data folder', () => importRecording(parsed.recording, join(dir, 'replay'), 'bench', quiet));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
