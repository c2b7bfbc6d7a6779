import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from './migrations/index.ts';
import { restoreBackup } from './restore.ts';
import { openStore } from './store.ts';
import { quietLogger, tempDir } from './test-helpers.ts';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

describe('restoreBackup', () => {
  it('replaces a damaged database with the newest good backup and keeps the damaged file', async () => {
    const path = join(tmp.dir, 'ops.sqlite');
    const backupDir = join(tmp.dir, 'backups');
    const store = openStore({ path, migrations, backupDir, logger: quietLogger });
    store.db.prepare("INSERT INTO meta VALUES ('k', 'from backup')").run();
    await store.backup(join(backupDir, 'ops-2026-11-21T10-00-00-000Z.sqlite'));
    store.close();
    writeFileSync(path, 'damaged beyond repair');

    expect(() => openStore({ path, migrations, backupDir, logger: quietLogger })).toThrow(/newest good backup is .*ops-2026-11-21T10-00-00-000Z/);
    const result = restoreBackup({ path, backupDir, stamp: '20261121T1100' });
    expect(result.keptAs).toBe(`${path}.damaged-20261121T1100`);
    expect(readFileSync(result.keptAs!, 'utf8')).toBe('damaged beyond repair');
    const reopened = openStore({ path, migrations, backupDir, logger: quietLogger });
    expect(reopened.db.prepare("SELECT value FROM meta WHERE key = 'k'").pluck().get()).toBe('from backup');
    reopened.close();
  });

  it('refuses while another live process holds the database, or when there is no backup', () => {
    const path = join(tmp.dir, 'ops.sqlite');
    writeFileSync(`${path}.open`, String(process.ppid));
    expect(() => restoreBackup({ path, backupDir: join(tmp.dir, 'b'), stamp: 'x' })).toThrow(/close Polder/);
    writeFileSync(`${path}.open`, '999999999');
    expect(() => restoreBackup({ path, backupDir: join(tmp.dir, 'b'), stamp: 'x' })).toThrow(/No good backup/);
    expect(existsSync(path)).toBe(false);
  });
});
