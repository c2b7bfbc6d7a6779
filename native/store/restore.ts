import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { PolderError } from '../api/errors.ts';
import { newestGoodBackup, processAlive } from './store.ts';

/**
 * Puts a backup in place of the live database. The file it replaces is kept beside it as
 * `<name>.damaged-<stamp>` (never deleted); refuses while a writer has the database open.
 */
export function restoreBackup(options: { path: string; backupDir: string; backup?: string; stamp: string }): { restored: string; keptAs: string | null } {
  const { path, stamp } = options;
  const marker = `${path}.open`;
  if (existsSync(marker)) {
    const pid = Number(readFileSync(marker, 'utf8').trim());
    if (Number.isInteger(pid) && pid !== process.pid && processAlive(pid)) throw new PolderError('unavailable', `The database is open in process ${pid}; close Polder before restoring`);
  }
  const source = options.backup ?? newestGoodBackup(options.backupDir);
  if (!source) throw new PolderError('not_found', `No good backup in ${options.backupDir}`);
  const check = new Database(source, { readonly: true, fileMustExist: true });
  try {
    const result = check.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new PolderError('storage_corrupt', `The backup ${source} is damaged too (${String(result)})`);
  } finally {
    check.close();
  }
  let keptAs: string | null = null;
  if (existsSync(path)) {
    keptAs = `${path}.damaged-${stamp}`;
    renameSync(path, keptAs);
    for (const extra of ['-wal', '-shm']) if (existsSync(path + extra)) renameSync(path + extra, keptAs + extra);
  }
  copyFileSync(source, path);
  rmSync(marker, { force: true });
  return { restored: source, keptAs };
}
