import type { Page } from '@playwright/test';
import { mapPixels, perPixel } from './map-pixels.ts';
import { expect, test } from './serve-fixture.ts';

/** Blueness (blue minus red) of every pixel of the map canvas. */
async function blueness(page: Page): Promise<number[]> {
  return perPixel(await mapPixels(page), (r, _g, b) => b - r);
}

/** Share of pixels that turned blue (blue minus red up by more than 25) from `before` to `after`:
 * water drawn in the depth ramp, whose colours all run from light to dark blue. */
function turnedBlue(before: number[], after: number[]): number {
  let count = 0;
  for (let i = 0; i < before.length; i++) if (after[i]! - before[i]! > 25) count++;
  return count / before.length;
}

test('after a simulation run the map shows the depth overlay, its legend and gauge readings', async ({ page, served }, testInfo) => {
  test.setTimeout(180_000);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(served.url);
  await page.getByRole('button', { name: /Margaret Okafor/ }).click();
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-hillshade', 'drawn', { timeout: 20_000 });
  await page.waitForTimeout(500);
  const before = await blueness(page);

  await page.getByRole('button', { name: 'Run simulation' }).click();
  await expect(map).toHaveAttribute('data-overlay', 'depth', { timeout: 60_000 });
  await expect(page.getByTestId('sim-progress')).toHaveText(/run completed/, { timeout: 150_000 });
  await page.waitForTimeout(500);
  const after = turnedBlue(before, await blueness(page));
  await page.screenshot({ path: testInfo.outputPath('map-flood-depth.png') });
  // The creek's flood path is a sizeable share of the view, in the ramp's blues.
  expect(after).toBeGreaterThan(0.02);
  await expect(page.getByTestId('flood-legend')).toContainText('m');
  // Gauge readings from the run's probes sit beside the gauges.
  await expect(page.locator('.gauge-label').first()).toHaveText(/^\d+\.\d\d m$/);

  // Replay: the first frame holds less water than the last.
  await page.getByRole('slider', { name: 'Frame of the run' }).fill('0');
  await page.waitForTimeout(800);
  const first = turnedBlue(before, await blueness(page));
  expect(first).toBeLessThan(after);
  await page.getByRole('button', { name: 'Latest' }).click();
  await expect.poll(async () => turnedBlue(before, await blueness(page)), { timeout: 10_000 }).toBeGreaterThan(first);

  const foreign = requests.filter((url) => !url.startsWith(served.origin) && !/^(data|blob):/.test(url));
  expect(foreign).toEqual([]);
});
