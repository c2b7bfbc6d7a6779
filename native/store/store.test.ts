import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from './migrations/index.ts';
import { newestGoodBackup, openStore } from './store.ts';
import { StorageCorruptError } from './sqlite-errors.ts';
import { quietLogger, tempDir } from './test-helpers.ts';

let tmp: ReturnType<typeof tempDir>;
let path: string;
let backupDir: string;
beforeEach(() => {
  tmp = tempDir();
  path = join(tmp.dir, 'ops.sqlite');
  backupDir = join(tmp.dir, 'backups');
});
afterEach(() => tmp.cleanup());

const open = (extra: { readonly?: boolean } = {}) => openStore({ path, migrations, backupDir, logger: quietLogger, ...extra });

function fillAndClose() {
  const store = open();
  const insert = store.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
  store.db.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run(`k${i}`, 'x'.repeat(200));
  })();
  store.close();
}

describe('openStore', () => {
  it('opens in WAL with synchronous=FULL, foreign keys and a busy timeout, at the newest schema', () => {
    const store = open();
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(store.db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    expect(store.openCheck).toEqual({ ok: true, check: 'quick_check', problems: [] });
    store.close();
  });

  it('detects an unclean shutdown by the open marker and runs integrity_check', () => {
    const first = open();
    expect(existsSync(`${path}.open`)).toBe(true);
    first.db.close(); // as if the process died: the marker stays
    const second = open();
    expect(second.uncleanShutdown).toBe(true);
    expect(second.openCheck.check).toBe('integrity_check');
    second.close();
    expect(existsSync(`${path}.open`)).toBe(false);
    const third = open();
    expect(third.uncleanShutdown).toBe(false);
    third.close();
  });

  it('refuses a second writer while the first process is alive', () => {
    open().db.close();
    writeFileSync(`${path}.open`, String(process.ppid));
    expect(() => open()).toThrow(/already open for writing by process/);
  });

  it('reports a damaged file plainly, leaves it byte-for-byte untouched and offers the newest good backup', async () => {
    const store = open();
    store.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('a', 'b');
    await store.backup(join(backupDir, 'ops-1.sqlite'));
    store.close();
    fillAndClose();
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(4096 * 3, 0xa5), 0, 4096 * 3, 4096 * 3);
    closeSync(fd);
    const before = readFileSync(path);
    let caught: unknown;
    try {
      open();
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(StorageCorruptError);
    const error = caught as StorageCorruptError;
    expect(error.code).toBe('storage_corrupt');
    expect(error.newestBackup).toBe(join(backupDir, 'ops-1.sqlite'));
    expect(error.message).toContain('newest good backup');
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('treats a file that is not a database at all as damaged', () => {
    writeFileSync(path, 'this is not a database, it is a shopping list\n'.repeat(200));
    expect(() => open()).toThrow(StorageCorruptError);
    expect(readFileSync(path, 'utf8')).toMatch(/^this is not a database/);
  });

  it('treats an empty file as damaged instead of starting a new database in it, and names the backup to restore', async () => {
    fillAndClose();
    const store = open();
    const backup = join(backupDir, 'ops-good.sqlite');
    await store.backup(backup);
    store.close();
    writeFileSync(path, '');
    expect(() => open()).toThrow(/damaged \(the file is empty[\s\S]*newest good backup is .*ops-good\.sqlite \(put it back with: polder db restore\)/);
    expect(readFileSync(path).length).toBe(0);
  });

  it('keeps a new data folder, the database and its backups to their owner', async () => {
    if (process.platform === 'win32') return;
    path = join(tmp.dir, 'new', 'ops.sqlite');
    const store = open();
    await store.backup(join(backupDir, 'copy.sqlite'));
    store.close();
    expect(statSync(join(tmp.dir, 'new')).mode & 0o777).toBe(0o700);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(backupDir, 'copy.sqlite')).mode & 0o777).toBe(0o600);
  });

  it('backs up online into a copy that opens and holds the data', async () => {
    const store = open();
    store.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('device', 'd1');
    const copy = join(backupDir, 'copy.sqlite');
    const result = await store.backup(copy);
    expect(result.pages).toBeGreaterThan(0);
    store.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('later', 'x');
    store.close();
    const db = new Database(copy, { readonly: true });
    expect(db.prepare('SELECT key FROM meta ORDER BY key').pluck().all()).toEqual(['device']);
    db.close();
    expect(newestGoodBackup(backupDir)).toBe(copy);
  });

  it('skips backups that are themselves damaged', async () => {
    const store = open();
    await store.backup(join(backupDir, 'good.sqlite'));
    store.close();
    writeFileSync(join(backupDir, 'zz-broken.sqlite'), 'garbage');
    expect(newestGoodBackup(backupDir)).toBe(join(backupDir, 'good.sqlite'));
  });

  it('opens read-only without writing a marker or migrating', () => {
    open().close();
    const ro = open({ readonly: true });
    expect(existsSync(`${path}.open`)).toBe(false);
    expect(() => ro.db.prepare('INSERT INTO meta (key, value) VALUES (1, 2)').run()).toThrow(/readonly/);
    ro.close();
  });
});
