import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** The Electron binary npm's `electron` package would use, if it was ever downloaded. */
function electronBinary(): string | null {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(root, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const built = existsSync(join(root, 'out', 'main', 'index.js'));

test('the desktop app opens its window on the renderer from app://', async () => {
  test.skip(!binary, 'No Electron binary on this machine (it cannot be downloaded here): the desktop spec runs where one is installed.');
  test.skip(!built, 'The desktop app is not built: run `npm run build` first.');
  const app = await electron.launch({ executablePath: binary!, args: [root], env: { ...process.env, POLDER_DATA_DIR: join(root, 'out', 'e2e-data') } });
  const window = await app.firstWindow();
  expect(window.url()).toMatch(/^app:\/\/polder\//);
  await expect(window.getByTestId('connection')).toHaveText('Connected');
  expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
  expect(await window.evaluate(() => Object.keys((window as unknown as { polder: object }).polder).sort())).toEqual(['invoke', 'subscribe']);
  await app.close();
});
