import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PolderError } from '../api/errors.ts';
import { migrate, type Migration } from './migrate.ts';
import { classifySqliteError, StorageCorruptError } from './sqlite-errors.ts';

export interface StoreLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface OpenStoreOptions {
  /** The database file. Its folder is created if missing. */
  path: string;
  migrations: readonly Migration[];
  /** Where backups live; also searched for the newest good backup when the database is damaged. */
  backupDir: string;
  logger: StoreLogger;
  /** Open for reading only: no migrations, no open marker, nothing written. */
  readonly?: boolean;
}

export interface IntegrityReport {
  ok: boolean;
  check: 'quick_check' | 'integrity_check';
  problems: string[];
}

export interface Store {
  readonly db: Database.Database;
  readonly path: string;
  /** The previous writer did not close cleanly (crash, kill, power cut): a full integrity check ran on open. */
  readonly uncleanShutdown: boolean;
  readonly openCheck: IntegrityReport;
  integrityCheck(): IntegrityReport;
  /** An online, consistent copy of the database while it stays in use. */
  backup(destination: string): Promise<{ path: string; pages: number }>;
  close(): void;
}

const busyTimeoutMs = 5000;

function markerPath(path: string): string {
  return `${path}.open`;
}

/** True when a process with this id exists (EPERM: it exists but belongs to someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function runCheck(db: Database.Database, check: IntegrityReport['check']): IntegrityReport {
  const rows = db.pragma(check) as Record<string, string>[];
  const problems = rows.map((r) => String(Object.values(r)[0])).filter((line) => line !== 'ok');
  return { ok: problems.length === 0, check, problems };
}

const sqliteHeader = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Why an existing file cannot be this database before SQLite touches it: SQLite would take an
 * empty file for a new database and seed it, hiding the loss behind a fresh log.
 */
function fileDamage(path: string): string | null {
  if (!existsSync(path)) return null;
  if (statSync(path).size === 0) return 'the file is empty (0 bytes); Polder never leaves its database empty';
  const head = Buffer.alloc(sqliteHeader.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  return head.equals(sqliteHeader) ? null : 'the file is not a SQLite database (its header is wrong)';
}

/** The database, its WAL and shared-memory files and backups are for the owner's eyes only. */
function ownerOnly(files: readonly string[]): void {
  if (process.platform === 'win32') return;
  for (const file of files) if (existsSync(file)) chmodSync(file, 0o600);
}

/** The newest file in `backupDir` that opens and passes quick_check, or null. */
export function newestGoodBackup(backupDir: string): string | null {
  if (!existsSync(backupDir)) return null;
  const candidates = readdirSync(backupDir)
    .filter((name) => name.endsWith('.sqlite'))
    .map((name) => join(backupDir, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs || b.localeCompare(a));
  for (const file of candidates) {
    try {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        if (runCheck(db, 'quick_check').ok) return file;
      } finally {
        db.close();
      }
    } catch {
      // an unreadable backup is skipped, never deleted
    }
  }
  return null;
}

/**
 * Opens the store: one writer connection, WAL, synchronous=FULL, foreign keys, a busy timeout.
 * Checks the file before anything is written to it (quick_check, or integrity_check after an
 * unclean shutdown) and throws StorageCorruptError — leaving the file as it is — when it fails.
 */
export function openStore(options: OpenStoreOptions): Store {
  const { path, backupDir, logger } = options;
  const readonly = options.readonly ?? false;
  const marker = markerPath(path);
  if (readonly && !existsSync(path)) throw new PolderError('not_found', `No database at ${path}`);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });

  let uncleanShutdown = false;
  if (existsSync(marker)) {
    const pid = Number(readFileSync(marker, 'utf8').trim());
    if (!readonly && Number.isInteger(pid) && pid !== process.pid && processAlive(pid)) {
      throw new PolderError('unavailable', `The database ${path} is already open for writing by process ${pid}`);
    }
    uncleanShutdown = !readonly || !(Number.isInteger(pid) && processAlive(pid));
  }

  const corrupt = (problems: string[]) => new StorageCorruptError(path, problems, newestGoodBackup(backupDir));

  const damage = fileDamage(path);
  if (damage) throw corrupt([damage]);

  let db: Database.Database;
  let openCheck: IntegrityReport;
  try {
    db = new Database(path, { readonly, fileMustExist: readonly });
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    openCheck = runCheck(db, uncleanShutdown ? 'integrity_check' : 'quick_check');
  } catch (err) {
    if (classifySqliteError(err) === 'corrupt') throw corrupt([err instanceof Error ? err.message : String(err)]);
    throw err;
  }
  if (!openCheck.ok) {
    db.close();
    throw corrupt(openCheck.problems);
  }
  if (uncleanShutdown) logger.warn(`${basename(path)} was not closed cleanly; integrity_check passed`);

  if (!readonly) {
    writeFileSync(marker, String(process.pid), { mode: 0o600 });
    ownerOnly([path, `${path}-wal`, `${path}-shm`]);
    // a folder made by someone else (Electron makes userData 0755) is narrowed too
    if (process.platform !== 'win32') chmodSync(dirname(path), 0o700);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db, options.migrations);
  } else {
    db.pragma('foreign_keys = ON');
  }

  let open = true;
  return {
    db,
    path,
    uncleanShutdown,
    openCheck,
    integrityCheck: () => runCheck(db, 'integrity_check'),
    async backup(destination) {
      mkdirSync(dirname(destination), { recursive: true, mode: 0o700 });
      const result = await db.backup(destination);
      ownerOnly([destination]);
      return { path: destination, pages: result.totalPages };
    },
    close() {
      if (!open) return;
      open = false;
      if (!readonly) {
        try {
          db.pragma('wal_checkpoint(TRUNCATE)');
        } catch {
          // a full disk can refuse the checkpoint; the WAL stays valid and is replayed on next open
        }
      }
      db.close();
      if (!readonly) rmSync(marker, { force: true });
    },
  };
}
