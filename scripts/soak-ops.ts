// Crash soak: `node scripts/soak-ops.ts [--kills 500] [--lineages 2] [--seed 1]`
// SIGKILLs real writers many more times than the unit test, then checks every acknowledged event
// is present, integrity_check is ok, the hash chain holds and a rebuild equals the projections.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkAfterCrashes, killWriterAtRandom } from '../native/ops/crash-harness.ts';
import { seededRandom } from '../native/ops/seeded-random.ts';

const { values } = parseArgs({ options: { kills: { type: 'string', default: '500' }, lineages: { type: 'string', default: '2' }, seed: { type: 'string', default: '1' } } });
const kills = Number(values.kills);
const lineages = Number(values.lineages);
const seed = Number(values.seed);
const root = mkdtempSync(join(tmpdir(), 'polder-soak-ops-'));
let failed = false;
let done = 0;

try {
  await Promise.all(
    Array.from({ length: lineages }, async (_, lineage) => {
      const dataDir = join(root, `writer-${lineage}`);
      const random = seededRandom(seed * 1000 + lineage);
      const acked: string[] = [];
      const share = Math.ceil(kills / lineages);
      for (let k = 0; k < share; k++) {
        const run = await killWriterAtRandom(dataDir, random, 250);
        if (run.exitSignal !== 'SIGKILL') {
          failed = true;
          console.error(`writer ${lineage} exited by itself (${run.exitSignal ?? 'no signal'}): ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
          return;
        }
        acked.push(...run.acked);
        done++;
        if (done % 50 === 0) console.log(`${done}/${kills} kills`);
        if ((k + 1) % 100 === 0 || k === share - 1) {
          const check = checkAfterCrashes(dataDir, acked);
          const ok = check.integrity.length === 0 && check.missing.length === 0 && check.chainProblems === 0 && check.outboxMissing === 0 && check.rebuildMatches;
          console.log(`writer ${lineage} after ${k + 1} kills: ${check.events} events, ${acked.length} acknowledged, missing ${check.missing.length}, integrity ${check.integrity.length ? 'FAILED' : 'ok'}, chain problems ${check.chainProblems}, events without outbox row ${check.outboxMissing}, rebuild ${check.rebuildMatches ? 'equal' : 'DIFFERS'}`);
          if (!ok) failed = true;
        }
      }
    }),
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
console.log(failed ? 'SOAK FAILED' : `soak ok: ${done} kills`);
process.exitCode = failed ? 1 : 0;
