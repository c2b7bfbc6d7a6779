import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from '../../clock/clock.ts';
import { deviceKeyPath, readKeyFile } from '../../identity/keys.ts';
import { verifyChain } from '../../ops/chain.ts';
import { chainAnchorPath, localHead, verifyAnchors, writeChainAnchor, type AnchorReport } from '../../ops/chain-anchor.ts';
import { countDifferences, createProjector, dumpProjections, verifyProjections } from '../../ops/projector.ts';
import { opsBackupDir, opsDatabasePath } from '../../ops/service.ts';
import { backupFileName, listBackups } from '../../store/backups.ts';
import { migrations } from '../../store/migrations/index.ts';
import { restoreBackup } from '../../store/restore.ts';
import { StorageCorruptError } from '../../store/sqlite-errors.ts';
import { openStore, type Store } from '../../store/store.ts';
import { parseFlags, UsageError, type CliIo, type Command } from '../command.ts';
import { dataDirFlag, resolveDataDir } from '../data-dir.ts';

const usage = 'polder db check [--json] | polder db backup [<file>] [--json] | polder db rebuild [--json] | polder db restore [<backup>]   (all take --data-dir <path>)';

/** What `db check` can and cannot establish, in plain words (printed with every check). */
const proves =
  'every event matches its hash and links to the one before it; this device\'s log still holds the head recorded in chain-head.json after each commit and the head of every backup, so events removed from its end or rewritten since then are detected';
const cannotProve =
  'a change by someone who can write this data folder and rewrites the database, chain-head.json and every backup together: only heads signed by this device and held by its peers (the sync link) can show that';

function anchorLine(report: AnchorReport): string[] {
  const { anchor, backups } = report;
  const written = anchor.writtenAt === null ? '' : `, recorded ${new Date(anchor.writtenAt).toISOString()}`;
  return [
    `anchor       ${anchor.problem ? `FAILED: ${anchor.problem}` : anchor.seq === null ? 'none yet (no events of this device)' : `ok (this device's head #${anchor.seq}${written} is in the log)`}`,
    `backups      ${backups.problems.length ? 'FAILED' : `ok (the heads of ${backups.checked} backup${backups.checked === 1 ? '' : 's'} are in the log)`}`,
    ...backups.problems.map((p) => `  ${p.file}: ${p.problem}`),
  ];
}

/** After a restore the anchor follows the restored log; the one it replaces is kept as evidence. */
function reanchor(dataDir: string, stamp: string, io: CliIo): void {
  const anchor = chainAnchorPath(dataDir);
  if (existsSync(anchor)) renameSync(anchor, anchor.replace(/\.json$/, `.replaced-${stamp}.json`));
  const store = openFor(dataDir, io, true);
  try {
    const deviceId = store.db.prepare("SELECT value FROM meta WHERE key = 'device_id'").pluck().get() as string | undefined;
    const head = deviceId === undefined ? null : localHead(store.db, deviceId);
    const keyFile = deviceKeyPath(dataDir);
    if (head) writeChainAnchor(anchor, head, systemClock().now(), existsSync(keyFile) ? readKeyFile(keyFile).key : undefined);
  } finally {
    store.close();
  }
}

function openFor(dataDir: string, io: CliIo, readonly: boolean): Store {
  const logger = { info: (m: string) => io.err(m), warn: (m: string) => io.err(`warning: ${m}`) };
  return openStore({ path: opsDatabasePath(dataDir), backupDir: opsBackupDir(dataDir), migrations, logger, readonly });
}

async function check(dataDir: string, json: boolean, io: CliIo): Promise<number> {
  let store: Store;
  try {
    store = openFor(dataDir, io, true);
  } catch (err) {
    if (!(err instanceof StorageCorruptError)) throw err;
    if (json) io.out(JSON.stringify({ ok: false, corrupt: true, path: err.path, problems: err.problems, newestBackup: err.newestBackup }));
    else io.err(err.message);
    return 1;
  }
  try {
    const integrity = store.integrityCheck();
    const deviceId = store.db.prepare("SELECT value FROM meta WHERE key = 'device_id'").pluck().get() as string | undefined;
    const chain = verifyChain(store.db, deviceId);
    const anchors = deviceId === undefined ? null : verifyAnchors(store.db, deviceId, chainAnchorPath(dataDir), listBackups(opsBackupDir(dataDir)).map((b) => b.path));
    const projections = verifyProjections(store.db);
    const ok = integrity.ok && chain.ok && (anchors?.ok ?? true) && projections.ok;
    if (json) {
      io.out(JSON.stringify({ ok, path: store.path, integrity, chain, anchors, projections, proves, cannotProve }));
    } else {
      io.out(`database     ${store.path}`);
      io.out(`integrity    ${integrity.ok ? 'ok' : `FAILED: ${integrity.problems.slice(0, 5).join('; ')}`}`);
      io.out(`event chain  ${chain.ok ? 'ok' : 'FAILED'} (${chain.events} events from ${chain.origins} devices${chain.gaps.length ? `, ${chain.gaps.length} gaps awaiting sync` : ''})`);
      for (const p of chain.problems.slice(0, 10)) io.out(`  ${p.origin} #${p.seq} ${p.id}: ${p.problem}`);
      if (anchors) for (const line of anchorLine(anchors)) io.out(line);
      const d = projections.differing;
      io.out(`projections  ${projections.ok ? 'ok (equal to a replay of the log)' : `DIFFER from the log (entities ${d.entities}, conflicts ${d.conflicts}, timeline ${d.timeline}): run polder db rebuild`}`);
      io.out(`proves       ${proves}`);
      io.out(`cannot prove ${cannotProve}`);
    }
    return ok ? 0 : 1;
  } finally {
    store.close();
  }
}

async function backup(dataDir: string, file: string | undefined, json: boolean, io: CliIo): Promise<number> {
  const store = openFor(dataDir, io, true);
  try {
    const destination = file ?? join(opsBackupDir(dataDir), backupFileName(systemClock().now()));
    const result = await store.backup(destination);
    io.out(json ? JSON.stringify(result) : `backed up ${store.path} to ${result.path} (${result.pages} pages)`);
    return 0;
  } finally {
    store.close();
  }
}

function rebuild(dataDir: string, json: boolean, io: CliIo): number {
  if (!existsSync(opsDatabasePath(dataDir))) throw new Error(`No database at ${opsDatabasePath(dataDir)}`);
  const store = openFor(dataDir, io, false);
  try {
    const before = dumpProjections(store.db);
    const clock = systemClock();
    const started = clock.now();
    const counts = createProjector(store.db).rebuild();
    const ms = clock.now() - started;
    const after = dumpProjections(store.db);
    const differing = {
      entities: countDifferences(before.entities, after.entities),
      conflicts: countDifferences(before.conflicts, after.conflicts),
      timeline: countDifferences(before.timeline, after.timeline),
    };
    const identical = differing.entities + differing.conflicts + differing.timeline === 0;
    if (json) io.out(JSON.stringify({ ...counts, ms: Math.round(ms), identical, differing }));
    else {
      io.out(`replayed ${counts.events} events into ${counts.entities} entities and ${counts.conflicts} conflict records in ${Math.round(ms)} ms`);
      io.out(identical ? 'projections identical to before the rebuild' : `projections DIFFERED before the rebuild (entities ${differing.entities}, conflicts ${differing.conflicts}, timeline ${differing.timeline}); they now match the log`);
    }
    return identical ? 0 : 1;
  } finally {
    store.close();
  }
}

export const dbCommand: Command = {
  name: 'db',
  summary: 'check, back up, rebuild or restore the operations database',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { json: { type: 'boolean' }, ...dataDirFlag }, true);
    const [sub, ...rest] = positionals;
    const dataDir = resolveDataDir(values['data-dir'], io.env);
    const json = values.json ?? false;
    switch (sub) {
      case 'check':
        if (rest.length) throw new UsageError(`db check takes no arguments, got "${rest[0]}"`);
        return check(dataDir, json, io);
      case 'backup':
        if (rest.length > 1) throw new UsageError('db backup takes at most one file');
        return backup(dataDir, rest[0], json, io);
      case 'rebuild':
        if (rest.length) throw new UsageError(`db rebuild takes no arguments, got "${rest[0]}"`);
        return rebuild(dataDir, json, io);
      case 'restore': {
        if (rest.length > 1) throw new UsageError('db restore takes at most one backup file');
        const stamp = new Date(systemClock().now()).toISOString().replace(/[:.]/g, '-');
        const result = restoreBackup({ path: opsDatabasePath(dataDir), backupDir: opsBackupDir(dataDir), backup: rest[0], stamp });
        reanchor(dataDir, stamp, io);
        io.out(json ? JSON.stringify(result) : `restored ${result.restored}${result.keptAs ? `; the previous database is kept as ${result.keptAs}` : ''}`);
        return 0;
      }
      case undefined:
        throw new UsageError('say what to do: check, backup, rebuild or restore');
      default:
        throw new UsageError(`unknown db action "${sub}": use check, backup, rebuild or restore`);
    }
  },
};
