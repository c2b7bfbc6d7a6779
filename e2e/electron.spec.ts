import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { demoPin } from '../native/identity/demo-pin.ts';
import { signIn } from './ui-helpers.ts';

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
  // the engine runs in the services utility process and reports back through the same contract
  const finished = await window.evaluate(
    (pin) =>
      new Promise<{ outcome: string; steps: number }>((resolve) => {
        const polder = (window as unknown as { polder: { invoke(m: string, a: object): Promise<unknown>; subscribe(e: string, l: (p: never) => void): () => void } }).polder;
        polder.subscribe('sim.finished', resolve);
        // A run is a record of who started it: sign in first.
        void polder.invoke('session.login', { actorId: 'eoc-lead', secret: pin }).then(() => polder.invoke('sim.start', { durationSeconds: 20, threads: 2 }));
      }),
    demoPin,
  );
  expect(finished).toMatchObject({ outcome: 'completed' });
  expect(finished.steps).toBeGreaterThan(0);
  await app.close();
});

test('the desktop app saves the activity log (ICS 214) as a PDF from the palette', async () => {
  test.skip(!binary, 'No Electron binary on this machine (it cannot be downloaded here): the desktop spec runs where one is installed.');
  test.skip(!built, 'The desktop app is not built: run `npm run build` first.');
  const data = join(root, 'out', 'e2e-data-pdf');
  const target = join(data, 'activity-log.pdf');
  const app = await electron.launch({ executablePath: binary!, args: [root], env: { ...process.env, POLDER_DATA_DIR: data } });
  // The save dialog is the operating system's: answer it with a path instead of a person.
  await app.evaluate(({ dialog }, path) => {
    dialog.showSaveDialog = (async () => ({ canceled: false, filePath: path })) as unknown as typeof dialog.showSaveDialog;
  }, target);
  const window = await app.firstWindow();
  await signIn(window, 'eoc-lead');
  await window.keyboard.press('Control+k');
  await window.getByTestId('palette-input').fill('activity log PDF');
  await window.keyboard.press('Enter');
  await expect(window.getByTestId('toast-info')).toContainText(`Saved as PDF: ${target}`, { timeout: 30_000 });
  expect(readFileSync(target).subarray(0, 5).toString()).toBe('%PDF-');
  await app.close();
});
