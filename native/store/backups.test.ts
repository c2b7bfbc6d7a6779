import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupFileName, backupTakenAt, listBackups, pruneBackups } from './backups.ts';
import { tempDir } from './test-helpers.ts';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

describe('automatic backups', () => {
  it('names backups by time so they sort, and prunes only its own older files', () => {
    const day = 86_400_000;
    const t = Date.UTC(2026, 10, 1);
    mkdirSync(tmp.dir, { recursive: true });
    const names = [0, 1, 2, 3].map((d) => backupFileName(t + d * day));
    names.forEach((n) => writeFileSync(join(tmp.dir, n), 'x'));
    writeFileSync(join(tmp.dir, 'manual.sqlite'), 'x');
    expect(names[0]).toBe('ops-2026-11-01T00-00-00-000Z.sqlite');
    expect(backupTakenAt(names[0]!)).toBe(t);
    expect(backupTakenAt('ops-yesterday.sqlite')).toBeNull();
    expect(listBackups(tmp.dir).map((b) => b.path)).toEqual([...names].reverse().map((n) => join(tmp.dir, n)));
    expect(pruneBackups(tmp.dir, 2)).toEqual([join(tmp.dir, names[1]!), join(tmp.dir, names[0]!)]);
    expect(existsSync(join(tmp.dir, 'manual.sqlite'))).toBe(true);
    expect(listBackups(tmp.dir)).toHaveLength(2);
  });
});
