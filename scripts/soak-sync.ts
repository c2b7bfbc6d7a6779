// Sync soak: `node scripts/soak-sync.ts [--schedules 1000] [--seeds 3] [--seed 1]`
// Runs the generated sync schedules of native/sync/schedules.test.ts (three nodes, a real
// mosquitto killed with -9, proxy partitions, clock skew) many more times than `npm test`, under
// several seeds; fast-check shrinks any failure to a small schedule and prints it with its seed.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { schedules: { type: 'string', default: '1000' }, seeds: { type: 'string', default: '3' }, seed: { type: 'string', default: '1' } } });
const schedules = Number(values.schedules);
const seeds = Number(values.seeds);
const first = Number(values.seed);
if (![schedules, seeds, first].every((n) => Number.isInteger(n) && n > 0)) {
  console.error('soak-sync: --schedules, --seeds and --seed must be whole numbers above 0');
  process.exit(2);
}
const root = join(import.meta.dirname, '..');
const perSeed = Math.ceil(schedules / seeds);
let failed = 0;
for (let i = 0; i < seeds; i++) {
  const seed = first + i;
  console.log(`sync soak: ${perSeed} schedules with seed ${seed}`);
  const result = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'native/sync/schedules.test.ts'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, POLDER_SYNC_SCHEDULES: String(perSeed), POLDER_SYNC_SEED: String(seed) },
  });
  if (result.status !== 0) failed++;
}
console.log(failed ? `SOAK FAILED (${failed} of ${seeds} seeds)` : `soak ok: ${perSeed * seeds} sync schedules`);
process.exitCode = failed ? 1 : 0;
