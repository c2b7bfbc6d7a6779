import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveServedFile } from './static-files.ts';

let work: string;
let root: string;

beforeAll(() => {
  work = realpathSync(mkdtempSync(join(tmpdir(), 'polder-static-')));
  root = join(work, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'assets', 'app.js'), '');
  writeFileSync(join(work, 'secret.txt'), 'not for the page');
  symlinkSync(join(work, 'secret.txt'), join(root, 'secret.txt'));
  symlinkSync(work, join(root, 'up'));
  symlinkSync(join(root, 'assets', 'app.js'), join(root, 'alias.js'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('resolveServedFile, the one guard of serve mode and app://', () => {
  it('finds files inside the folder, index.html for /', async () => {
    expect(await resolveServedFile(root, '/')).toBe(join(root, 'index.html'));
    expect(await resolveServedFile(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
  });

  it('follows a link that stays inside', async () => {
    expect(await resolveServedFile(root, '/alias.js')).toBe(join(root, 'assets', 'app.js'));
  });

  it('refuses names and links that lead outside, and what does not exist', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/secret.txt', '/up/secret.txt', '/missing.js', '/%E0%A4%A', '/a%00b']) {
      expect(await resolveServedFile(root, path), path).toBeNull();
    }
  });
});
