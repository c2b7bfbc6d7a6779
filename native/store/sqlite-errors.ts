import { PolderError } from '../api/errors.ts';

/**
 * What went wrong with SQLite, in the terms an operator acts on (after Signal-Desktop's
 * classification): the file is damaged, the disk is full, the file cannot be written, another
 * connection holds the lock, a disk I/O failure, or a mistake in our own SQL or data.
 */
export type SqliteErrorKind = 'corrupt' | 'full' | 'readonly' | 'busy' | 'io' | 'logic';

function sqliteCode(err: unknown): string | null {
  if (typeof err !== 'object' || err === null) return null;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

/** Classifies a better-sqlite3 error by its extended result code; null when it is not a SQLite error. */
export function classifySqliteError(err: unknown): SqliteErrorKind | null {
  const code = sqliteCode(err);
  if (code === null) return null;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt';
  if (code === 'SQLITE_FULL') return 'full';
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM')) return 'readonly';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (code.startsWith('SQLITE_IOERR')) return 'io';
  return 'logic';
}

/** The damaged file is kept as it is; `newestBackup` is the newest backup that passed its own check. */
export class StorageCorruptError extends PolderError {
  readonly path: string;
  readonly problems: string[];
  readonly newestBackup: string | null;
  constructor(path: string, problems: string[], newestBackup: string | null) {
    const offer = newestBackup ? `the newest good backup is ${newestBackup} (put it back with: polder db restore)` : 'no good backup was found';
    super(
      'storage_corrupt',
      `The database ${path} is damaged (${problems.slice(0, 3).join('; ')}). It has been left untouched; ${offer}.`,
    );
    this.path = path;
    this.problems = problems;
    this.newestBackup = newestBackup;
  }
}

/** Turns a SQLite failure during a write into the typed error the contract carries. */
export function storageError(err: unknown): PolderError | null {
  const kind = classifySqliteError(err);
  const detail = err instanceof Error ? err.message : String(err);
  switch (kind) {
    case 'full':
      return new PolderError('storage_full', `The disk holding the database is full; nothing was written (${detail}).`);
    case 'corrupt':
      return new PolderError('storage_corrupt', `The database is damaged; nothing was written (${detail}).`);
    case 'readonly':
      return new PolderError('unavailable', `The database cannot be written (${detail}).`);
    case 'busy':
      return new PolderError('unavailable', `The database is busy in another process (${detail}).`);
    case 'io':
      return new PolderError('unavailable', `A disk error stopped the write (${detail}).`);
    default:
      return null;
  }
}
