// `npm run bench`: runs every scripts/bench-*.ts one after another (never in parallel, so the
// figures do not compete for the two cores) and passes their output through.
// `npm run bench -- sim ops` runs only the named ones.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;
const available = readdirSync(here)
  .filter((name) => /^bench-[a-z0-9-]+\.ts$/.test(name))
  .map((name) => name.slice('bench-'.length, -'.ts'.length))
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length) {
  console.error(`bench: no benchmark named ${unknown.join(', ')} (have: ${available.join(', ')})`);
  process.exit(2);
}

let failed = 0;
for (const name of wanted.length ? wanted : available) {
  console.log(`\n=== bench ${name} ===`);
  const result = spawnSync(process.execPath, [join(here, `bench-${name}.ts`)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    console.error(`bench ${name} failed (exit ${result.status ?? result.signal})`);
  }
}
process.exit(failed ? 1 : 0);
