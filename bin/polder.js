#!/usr/bin/env node
// The `polder` command. Polder's Node code is TypeScript run by Node's own type stripping:
// on by default from Node 22.18, behind a flag on 22.12–22.17, where we re-run with the flag.
import { spawnSync } from 'node:child_process';

if (process.features.typescript) {
  const { runCli } = await import('../native/cli/main.ts');
  process.exitCode = await runCli(process.argv.slice(2));
} else {
  const child = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings=ExperimentalWarning', ...process.argv.slice(1)], {
    stdio: 'inherit',
  });
  process.exitCode = child.status ?? 1;
}
