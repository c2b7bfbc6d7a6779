import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const polder = join(resolve(import.meta.dirname, '..'), 'bin', 'polder.js');
const run = (...args: string[]) => execFileSync(process.execPath, [polder, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

/**
 * What an organisation's admin does before nodes sync: a key for each node's data folder, one
 * roster of the demo people (same PINs) listing every node's device, signed and installed on each,
 * all through the `polder` command.
 */
export function enrolDevices(dataDirs: readonly string[], org = 'e2e'): void {
  const [first] = dataDirs;
  if (!first) throw new Error('no data folders to enrol');
  const roster = join(first, 'org-roster.json');
  run('roster', 'init', '--org', org, '--file', roster, '--people-from', 'demo', '--data-dir', first);
  for (const dataDir of dataDirs) {
    const { deviceId, publicKey } = JSON.parse(run('keys', 'init', '--json', '--data-dir', dataDir)) as { deviceId: string; publicKey: string };
    run('roster', 'add', 'device', deviceId, `--public-key=${publicKey}`, '--kind', 'workstation', '--file', roster, '--data-dir', first);
  }
  run('roster', 'sign', '--file', roster, '--data-dir', first);
  for (const dataDir of dataDirs) run('roster', 'install', roster, '--data-dir', dataDir);
}
