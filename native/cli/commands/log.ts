import { setTimeout as sleep } from 'node:timers/promises';
import { decodeHlc } from '../../ops/hlc.ts';
import { fromRow, type EventRow } from '../../ops/event.ts';
import { opsBackupDir, opsDatabasePath } from '../../ops/service.ts';
import { migrations } from '../../store/migrations/index.ts';
import { openStore } from '../../store/store.ts';
import { integerFlag, parseFlags, UsageError, type CliIo, type Command } from '../command.ts';
import { dataDirFlag, resolveDataDir } from '../data-dir.ts';

const pollMs = 500;

function print(row: EventRow, json: boolean, io: CliIo) {
  const ev = fromRow(row);
  if (json) {
    io.out(JSON.stringify(ev));
    return;
  }
  const at = new Date(decodeHlc(ev.hlc).wall).toISOString().replace('T', ' ').slice(0, 19);
  io.out(`${at}  ${ev.origin}#${ev.seq}  ${ev.actor.padEnd(12)} ${ev.type.padEnd(24)} ${ev.payload.summary}`);
}

export const logCommand: Command = {
  name: 'log',
  summary: 'show the operations log (polder log tail)',
  usage: 'polder log tail [-n N] [--follow] [--json] [--data-dir <path>]',
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { n: { type: 'string', short: 'n' }, follow: { type: 'boolean', short: 'f' }, json: { type: 'boolean' }, ...dataDirFlag }, true);
    if (positionals[0] !== 'tail' || positionals.length > 1) throw new UsageError(positionals[0] ? `unknown log action "${positionals.join(' ')}": use tail` : 'say what to do: tail');
    const count = integerFlag('n', values.n, 20, 0, 1_000_000);
    const json = values.json ?? false;
    const dataDir = resolveDataDir(values['data-dir'], io.env);
    const store = openStore({ path: opsDatabasePath(dataDir), backupDir: opsBackupDir(dataDir), migrations, logger: { info() {}, warn: (m) => io.err(`warning: ${m}`) }, readonly: true });
    try {
      const last = store.db.prepare<[number], EventRow>('SELECT * FROM (SELECT * FROM events ORDER BY pos DESC LIMIT ?) ORDER BY pos').all(count);
      last.forEach((row) => print(row, json, io));
      if (!values.follow) return 0;
      let pos = (store.db.prepare('SELECT max(pos) FROM events').pluck().get() as number | null) ?? 0;
      const newer = store.db.prepare<[number], EventRow>('SELECT * FROM events WHERE pos > ? ORDER BY pos LIMIT 1000');
      let stop = false;
      void io.stopRequested.then(() => (stop = true));
      while (!stop) {
        for (const row of newer.all(pos)) {
          print(row, json, io);
          pos = row.pos!;
        }
        await Promise.race([sleep(pollMs), io.stopRequested]);
      }
      return 0;
    } finally {
      store.close();
    }
  },
};
