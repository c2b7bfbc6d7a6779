import type { SyncStatus } from '../../api/sync.ts';
import { systemClock } from '../../clock/clock.ts';
import { opsBackupDir, opsDatabasePath } from '../../ops/service.ts';
import { migrations } from '../../store/migrations/index.ts';
import { openStore } from '../../store/store.ts';
import { readSyncStatus } from '../../sync/status.ts';
import { parseFlags, UsageError, type CliIo, type Command } from '../command.ts';
import { dataDirFlag, resolveDataDir } from '../data-dir.ts';

export const syncCommand: Command = {
  name: 'sync',
  summary: 'what syncing with other nodes is doing (polder sync status)',
  usage: 'polder sync status [--json] [--data-dir <path>]',
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { json: { type: 'boolean' }, ...dataDirFlag }, true);
    if (positionals[0] !== 'status' || positionals.length > 1) throw new UsageError(positionals[0] ? `unknown sync action "${positionals.join(' ')}": use status` : 'say what to do: status');
    const dataDir = resolveDataDir(values['data-dir'], io.env);
    const store = openStore({ path: opsDatabasePath(dataDir), backupDir: opsBackupDir(dataDir), migrations, logger: { info() {}, warn: (m) => io.err(`warning: ${m}`) }, readonly: true });
    try {
      const clock = systemClock();
      const status = readSyncStatus(store.db, () => clock.now());
      if (values.json) io.out(JSON.stringify(status));
      else printStatus(status, io, clock.now());
      return 0;
    } finally {
      store.close();
    }
  },
};

function printStatus(s: SyncStatus, io: CliIo, now: number) {
  const when = (at: number) => `${new Date(at).toISOString().replace('T', ' ').slice(0, 19)} UTC (${ago(now - at)})`;
  if (s.brokers.length === 0) io.out('brokers:     none configured (this node keeps to itself; see polder serve --broker)');
  else io.out(`brokers:     ${s.brokers.map((b) => (b === s.connected ? `${b} (connected)` : b)).join(', ')}`);
  if (!s.connected) io.out(`offline:     ${s.outbox === 0 ? 'nothing waiting to be sent' : `${s.outbox} event${s.outbox === 1 ? '' : 's'} not yet sent`}`);
  else io.out(`outbox:      ${s.outbox} event${s.outbox === 1 ? '' : 's'} not yet acknowledged`);
  io.out(`last sync:   ${s.lastSync === null ? 'never' : when(s.lastSync)}`);
  io.out(`peers:       ${s.peers.length === 0 ? 'none seen' : ''}`);
  for (const p of s.peers) io.out(`  ${p.node.padEnd(20)} ${p.online ? 'online ' : 'offline'}  last contact ${when(p.lastSeen)}`);
  io.out(`quarantined: ${s.quarantined}`);
  io.out(`conflicts:   ${s.conflicts} open`);
}

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s ago`;
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  if (s < 172_800) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} days ago`;
}
