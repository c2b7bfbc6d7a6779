// End to end through a real mosquitto: `polder feed` publishes the reconstructed Merewether
// stream, `polder serve --broker` subscribes, and the page's gauge shows a live value while its
// hydrograph draws the observed line.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startMosquitto } from '../native/mqtt/test-broker.ts';
import { expect, startServe, test } from './serve-fixture.ts';
import { signIn } from './ui-helpers.ts';

const root = resolve(import.meta.dirname, '..');

test('the feed runs through mosquitto; the served gauge shows a live value and its hydrograph the observed line', async ({ page }) => {
  test.setTimeout(180_000);
  const broker = await startMosquitto();
  const dataDir = mkdtempSync(join(tmpdir(), 'polder-e2e-sensors-'));
  const { child: serve, served } = await startServe(dataDir, ['--port', '0'], ['--broker', broker.url]);
  const feed = spawn(process.execPath, [join(root, 'bin', 'polder.js'), 'feed', '--scenario', 'merewether-2007', '--speed', '10', '--duration', '1000', '--broker', broker.url], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const feedExit = new Promise<number | null>((done) => feed.once('exit', (code) => done(code)));
  try {
    await page.goto(served.url);
    await signIn(page, 'eoc-lead');
    await page.getByTestId('gauges-tab').click();

    const inlet = page.getByTestId('gauge-g-inlet');
    await expect(page.getByTestId('gauge-quality-g-inlet')).toContainText('reconstructed', { timeout: 60_000 });
    await expect(inlet).toContainText(/\d\.\d\d m/);
    await expect(page.getByTestId('gauge-quality-g-inlet')).toContainText(/s ago/);
    // The rain gauge has a source now: the feed's rain.
    await expect(page.getByTestId('gauge-quality-g-rain')).toContainText('reconstructed');

    await inlet.click();
    const hydrograph = page.getByTestId('hydrograph-g-inlet');
    await expect.poll(async () => Number(await hydrograph.getAttribute('data-observed-points')), { timeout: 30_000 }).toBeGreaterThan(5);
    // The observed line is drawn in #6a1b9a: count its pixels on the chart's canvas.
    const chart = hydrograph.locator('canvas').first();
    const linePixels = () =>
      chart.evaluate((canvas: HTMLCanvasElement) => {
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        let n = 0;
        for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - 0x6a) < 30 && Math.abs(data[i + 1]! - 0x1b) < 30 && Math.abs(data[i + 2]! - 0x9a) < 30 && data[i + 3]! > 200) n++;
        return n;
      });
    await expect.poll(linePixels, { timeout: 20_000 }).toBeGreaterThan(40);

    // The map marks the gauge with the live value and its age.
    await expect(page.getByTestId('gauge-label-g-inlet')).toContainText(/\d\.\d\d m · \d+ s/);
    // The health list counts what arrived: received = accepted + quarantined.
    await expect(page.getByTestId('sensor-counts')).toContainText(/Received [\d,]+ = accepted [\d,]+ \+ quarantined 0/);
    await expect(page.getByTestId('sensor-health-g-inlet')).toBeVisible();
  } finally {
    feed.kill('SIGTERM');
    await feedExit;
    serve.kill('SIGTERM');
    await new Promise((done) => serve.once('exit', done));
    await broker.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
