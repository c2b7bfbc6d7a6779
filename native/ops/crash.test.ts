import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../store/test-helpers.ts';
import { checkAfterCrashes, killWriterAtRandom, type CrashRun } from './crash-harness.ts';
import { seededRandom } from './seeded-random.ts';

const lineages = 4;
const killsPerLineage = 13;

describe('crash safety', () => {
  it(`keeps every acknowledged event through ${lineages * killsPerLineage} SIGKILLs at random moments`, async () => {
    const tmp = tempDir('polder-crash-');
    try {
      const results = await Promise.all(
        Array.from({ length: lineages }, async (_, lineage) => {
          const dataDir = join(tmp.dir, `writer-${lineage}`);
          const random = seededRandom(3000 + lineage);
          const runs: CrashRun[] = [];
          for (let k = 0; k < killsPerLineage; k++) runs.push(await killWriterAtRandom(dataDir, random));
          return { dataDir, runs };
        }),
      );
      const runs = results.flatMap((r) => r.runs);
      expect(runs.every((r) => r.exitSignal === 'SIGKILL'), runs.map((r) => r.stderr).join('\n')).toBe(true);
      expect(runs.length).toBeGreaterThanOrEqual(50);
      // most kills land while commands are being written, not before the first one
      expect(runs.filter((r) => r.acked.length > 0).length).toBeGreaterThan(runs.length / 3);
      // a writer reopening after a kill knows the shutdown was unclean and ran integrity_check
      for (const { runs: mine } of results) {
        const firstReady = mine.findIndex((r) => r.ready);
        const afterKill = mine.slice(firstReady + 1).filter((r) => r.ready);
        expect(afterKill.length).toBeGreaterThan(0);
        expect(afterKill.every((r) => r.unclean)).toBe(true);
      }
      for (const { dataDir, runs: mine } of results) {
        const acked = mine.flatMap((r) => r.acked);
        const check = checkAfterCrashes(dataDir, acked);
        expect(check).toMatchObject({ integrity: [], missing: [], chainProblems: 0, outboxMissing: 0, rebuildMatches: true });
        expect(check.events).toBeGreaterThanOrEqual(acked.length);
      }
    } finally {
      tmp.cleanup();
    }
  }, 240_000); // each kill restarts Node (~0.3 s to ready when the machine is quiet); a loaded machine is much slower
});
