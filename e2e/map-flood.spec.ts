import type { Page } from '@playwright/test';
import { mapPixels, perPixel } from './map-pixels.ts';
import { expect, test } from './serve-fixture.ts';
import { signIn } from './ui-helpers.ts';

/** Blueness (blue minus red) of every pixel of the map canvas. */
async function blueness(page: Page): Promise<number[]> {
  return perPixel(await mapPixels(page), (r, _g, b) => b - r);
}

/** Share of pixels whose `measure` rose by more than `by` from `before` to `after`. */
function risen(before: number[], after: number[], by = 25): number {
  let count = 0;
  for (let i = 0; i < before.length; i++) if (after[i]! - before[i]! > by) count++;
  return count / before.length;
}

/** Share of pixels that turned blue (blue minus red up by more than 25): water drawn in the depth
 * ramp, whose colours all run from light to dark blue. */
const turnedBlue = (before: number[], after: number[]) => risen(before, after);

/** The legend's "t = m:ss" in seconds. */
async function legendTime(page: Page): Promise<number> {
  const text = (await page.locator('.flood-time').textContent()) ?? '';
  const [, m, s] = /(\d+):(\d\d)/.exec(text) ?? [];
  if (m === undefined) throw new Error(`no time in the legend: "${text}"`);
  return Number(m) * 60 + Number(s);
}

test('after a simulation run the map shows the depth overlay, its legend and gauge readings', async ({ page, served }, testInfo) => {
  test.setTimeout(240_000);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(served.url);
  await signIn(page, 'eoc-lead');
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-hillshade', 'drawn', { timeout: 20_000 });
  await page.waitForTimeout(500);
  const pixelsBefore = await mapPixels(page);
  const before = perPixel(pixelsBefore, (r, _g, b) => b - r);
  // Asset markers start in the no-run colour, with no risk labels.
  await expect(page.locator('.asset-risk-label')).toHaveCount(0);

  await page.getByRole('button', { name: 'Run simulation' }).click();
  await expect(map).toHaveAttribute('data-overlay', 'depth', { timeout: 60_000 });
  // Arrival times arrive live, from the frames of the run, not only at its end.
  await page.getByRole('radio', { name: 'Arrival' }).check();
  await expect(map).toHaveAttribute('data-overlay', 'arrival', { timeout: 20_000 });
  const liveTime = await legendTime(page);
  await page.getByRole('radio', { name: 'Depth' }).check();

  await expect(page.getByTestId('sim-progress')).toHaveText(/run completed/, { timeout: 200_000 });
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

  // Arrival: the ramp's reds and oranges (early water) where the map was beige, up to the run's end.
  await page.getByRole('radio', { name: 'Arrival' }).check();
  await expect(map).toHaveAttribute('data-overlay', 'arrival');
  await expect(page.getByTestId('flood-legend')).toContainText('min');
  // The end of the run (16:40; the legend drops fractions of a second), later than the live view.
  await expect.poll(() => legendTime(page)).toBeGreaterThanOrEqual(999);
  expect(liveTime).toBeLessThan(999);
  await page.waitForTimeout(500);
  const warmBefore = perPixel(pixelsBefore, (r, _g, b) => r - b);
  const arrivalPixels = await mapPixels(page);
  await page.screenshot({ path: testInfo.outputPath('map-flood-arrival.png') });
  expect(risen(warmBefore, perPixel(arrivalPixels, (r, _g, b) => r - b), 40)).toBeGreaterThan(0.01);

  // Hazard: the ARR classes' greens to reds (no blue in any of them) over the same water.
  await page.getByRole('radio', { name: 'Hazard' }).check();
  await expect(map).toHaveAttribute('data-overlay', 'hazard');
  await expect(page.getByTestId('flood-legend')).toContainText('H1');
  await page.waitForTimeout(800);
  const hazardPixels = await mapPixels(page);
  await page.screenshot({ path: testInfo.outputPath('map-flood-hazard.png') });
  const blueLeft = (pixels: Uint8Array) => perPixel(pixels, (_r, g, b) => g - b);
  expect(risen(blueLeft(pixelsBefore), blueLeft(hazardPixels), 60)).toBeGreaterThan(0.01);
  // … and drawn differently from the arrival view.
  let differ = 0;
  for (let i = 0; i < arrivalPixels.length; i += 4) if (Math.abs(arrivalPixels[i + 1]! - hazardPixels[i + 1]!) > 30) differ++;
  expect(differ / (arrivalPixels.length / 4)).toBeGreaterThan(0.005);
  // Replayed, the first frame's peak hazard covers less than the run's.
  const hazardShare = risen(blueLeft(pixelsBefore), blueLeft(hazardPixels), 60);
  await page.getByRole('slider', { name: 'Frame of the run' }).fill('0');
  await expect.poll(() => legendTime(page), { timeout: 10_000 }).toBeLessThanOrEqual(10);
  await page.waitForTimeout(500);
  expect(risen(blueLeft(pixelsBefore), blueLeft(await mapPixels(page)), 60)).toBeLessThan(hazardShare / 2);
  await page.getByRole('button', { name: 'Latest' }).click();
  await expect.poll(() => legendTime(page), { timeout: 10_000 }).toBeGreaterThanOrEqual(999);

  // Assets the water reached: listed worst first and labelled on the map, in words and in colour.
  const atRisk = page.getByTestId('assets-at-risk').getByRole('listitem');
  await expect(atRisk.first()).toHaveText(/\(illustrative\) — H[1-6], water arrives at \d+ (min|s)$/);
  const label = page.getByRole('img', { name: /\(illustrative\) — H[1-6], water arrives at \d+ (min|s)$/ }).first();
  await expect(label).toBeVisible();
  await expect(label).toHaveText(/^H[1-6] · \d+ (min|s)$/);
  const hazardClass = Number(/^H(\d)/.exec((await label.textContent())!)![1]);
  // The marker's fill, just right of its label, is its class's colour in the hazard ramp.
  const box = (await label.boundingBox())!;
  const canvas = (await map.locator('canvas').boundingBox())!;
  const at = await mapPixels(page);
  const width = Math.round(canvas.width);
  const x = Math.round(box.x + box.width + 10 - canvas.x);
  const y = Math.round(box.y + box.height / 2 - canvas.y);
  const fill = [...at.subarray((y * width + x) * 4, (y * width + x) * 4 + 3)];
  const hazardRgb: Record<number, number[]> = { 1: [56, 168, 0], 2: [170, 220, 0], 3: [255, 230, 0], 4: [255, 150, 0], 5: [230, 30, 20], 6: [120, 0, 40] };
  fill.forEach((c, i) => expect(Math.abs(c - hazardRgb[hazardClass]![i]!)).toBeLessThanOrEqual(12));
  // Its popup says the same, with the peak depth.
  await page.mouse.click(canvas.x + x, canvas.y + y);
  await expect(page.locator('.maplibregl-popup')).toContainText(new RegExp(`H${hazardClass} at peak, up to \\d+\\.\\d\\d m deep; water arrives at \\d+ (min|s)`));
  await page.screenshot({ path: testInfo.outputPath('map-flood-assets.png') });

  const foreign = requests.filter((url) => !url.startsWith(served.origin) && !/^(data|blob):/.test(url));
  expect(foreign).toEqual([]);
});
