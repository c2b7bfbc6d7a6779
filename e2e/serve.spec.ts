import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { mapPixels, perPixel } from './map-pixels.ts';
import { expect, test } from './serve-fixture.ts';
import { signIn } from './ui-helpers.ts';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/** Counts distinct colours on the map's WebGL canvas: a blank or failed canvas has one or none. */
async function canvasColourCount(page: Page): Promise<number> {
  return new Set(perPixel(await mapPixels(page), (r, g, b) => (r << 16) | (g << 8) | b)).size;
}

test('the app loads in serve mode, draws the map offline and hears the clock', async ({ page, served }, testInfo) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));

  await page.goto(served.url);
  await expect(page.getByTestId('connection')).toHaveText('Connected');
  // app.info round-trips: the version shown comes from the host.
  await expect(page.getByTestId('version')).toHaveText(`Polder ${version}`);
  await expect(page.getByRole('banner')).toContainText('Merewether');

  // The app.clock push arrives, and keeps arriving.
  const clock = page.getByTestId('clock');
  await expect(clock).toHaveText(/^\d\d:\d\d:\d\d \S+$/);
  const first = await clock.textContent();
  await expect(clock).not.toHaveText(first!, { timeout: 5000 });

  // Signing in (the roster comes from the host) opens the workspace with the map.
  await signIn(page, 'eoc-lead');

  // The map draws the scenario's own layers on a non-blank WebGL canvas.
  await expect(page.getByTestId('map')).toHaveAttribute('data-layers-loaded', 'true');
  await expect.poll(() => canvasColourCount(page), { timeout: 15_000 }).toBeGreaterThan(4);
  await page.screenshot({ path: testInfo.outputPath('serve-map.png') });

  // Fully offline: nothing but the app's own origin (and in-page data/blob URLs).
  const foreign = requests.filter((url) => !url.startsWith(served.origin) && !/^(data|blob):/.test(url));
  expect(foreign).toEqual([]);
  expect(requests.length).toBeGreaterThan(2);
});

test('requests without the launch token are refused', async ({ playwright, served }) => {
  const anonymous = await playwright.request.newContext();
  const noToken = await anonymous.get(`${served.origin}/`);
  expect(noToken.status()).toBe(401);
  const wrongToken = await anonymous.get(`${served.origin}/?token=not-the-token`);
  expect(wrongToken.status()).toBe(401);
  const asset = await anonymous.get(`${served.origin}/index.html`);
  expect(asset.status()).toBe(401);
  await anonymous.dispose();
});

test('a page without the token gets no app and no contract', async ({ page, served }) => {
  const response = await page.goto(`${served.origin}/`);
  expect(response?.status()).toBe(401);
  const socketOutcome = await page.evaluate(
    (wsUrl) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(wsUrl);
        socket.onopen = () => resolve('open');
        socket.onerror = () => resolve('refused');
      }),
    `${served.origin.replace('http', 'ws')}/api`,
  );
  expect(socketOutcome).toBe('refused');
});
