import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { classifySqliteError, storageError } from './sqlite-errors.ts';

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('classifySqliteError', () => {
  it('classifies real SQLite failures', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (x INTEGER PRIMARY KEY, y TEXT NOT NULL)');
    expect(classifySqliteError(errorOf(() => db.exec('INSERT INTO t VALUES (1, NULL)')))).toBe('logic');
    expect(classifySqliteError(errorOf(() => db.exec('SELECT nope FROM t')))).toBe('logic');

    db.pragma('max_page_count = 2');
    const full = errorOf(() => db.exec(`INSERT INTO t (y) SELECT hex(randomblob(900)) FROM (WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM c WHERE n < 50) SELECT n FROM c)`));
    expect(classifySqliteError(full)).toBe('full');
    expect(storageError(full)?.code).toBe('storage_full');
  });

  it('maps extended codes and ignores non-SQLite errors', () => {
    const code = (c: string) => Object.assign(new Error(c), { code: c });
    expect(classifySqliteError(code('SQLITE_CORRUPT_INDEX'))).toBe('corrupt');
    expect(classifySqliteError(code('SQLITE_NOTADB'))).toBe('corrupt');
    expect(classifySqliteError(code('SQLITE_READONLY_DBMOVED'))).toBe('readonly');
    expect(classifySqliteError(code('SQLITE_BUSY_SNAPSHOT'))).toBe('busy');
    expect(classifySqliteError(code('SQLITE_IOERR_FSYNC'))).toBe('io');
    expect(classifySqliteError(new Error('plain'))).toBeNull();
    expect(classifySqliteError(code('ENOSPC'))).toBeNull();
    expect(storageError(code('SQLITE_CORRUPT'))?.code).toBe('storage_corrupt');
    expect(storageError(code('SQLITE_BUSY'))?.code).toBe('unavailable');
    expect(storageError(code('SQLITE_CONSTRAINT'))).toBeNull();
  });
});
