import { expect, test } from './serve-fixture.ts';

test('a hydrograph opened after a run behind the Task tab draws its line; the rain gauge says it has no source', async ({ page, served }) => {
  test.setTimeout(180_000);
  await page.goto(served.url);
  await page.getByTestId('sign-in-eoc-lead').click();
  await expect(page.getByTestId('details-tab')).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: 'Run simulation' }).click();
  await expect(page.getByTestId('map')).toHaveAttribute('data-overlay', 'depth', { timeout: 90_000 });
  await page.waitForTimeout(1500);

  await page.getByTestId('gauges-tab').click();
  const chart = page.locator('.hydrograph canvas').first();
  await expect(chart).toBeVisible();
  // The depth line is drawn in #0b5cad: count its pixels on the chart's canvas.
  const linePixels = () =>
    chart.evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - 0x0b) < 30 && Math.abs(data[i + 1]! - 0x5c) < 30 && Math.abs(data[i + 2]! - 0xad) < 30 && data[i + 3]! > 200) n++;
      return n;
    });
  await expect.poll(linePixels, { timeout: 10_000 }).toBeGreaterThan(40);

  await expect(page.getByTestId('gauge-g-rain')).toContainText('no source yet');
  await page.getByTestId('gauge-g-rain').click();
  await expect(page.getByTestId('gauge-no-source')).toContainText('no live rain sensor');
});
