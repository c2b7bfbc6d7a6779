import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { startServe } from './serve-fixture.ts';
import { signIn } from './ui-helpers.ts';

const root = resolve(import.meta.dirname, '..');

test('the after-action report of the imported Merewether recording prints from the palette in serve mode', async ({ page }) => {
  test.setTimeout(120_000);
  const dataDir = join(mkdtempSync(join(tmpdir(), 'polder-e2e-aar-')), 'replay');
  execFileSync(process.execPath, [join(root, 'bin', 'polder.js'), 'record', 'import', join(root, 'resources', 'recordings', 'merewether-2007.polder-recording.json'), '--data-dir', dataDir]);
  const { child, served } = await startServe(dataDir);
  try {
    await page.addInitScript(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await page.goto(served.url);
    await signIn(page, 'eoc-lead');
    await page.keyboard.press('Control+k');
    await page.getByTestId('palette-input').fill('after-action');
    await expect(page.locator('#palette-list')).toContainText('Print the after-action report');
    await expect(page.locator('#palette-list').getByText(/as PDF/)).toHaveCount(0);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await expect(page.getByTestId('print-view')).toBeHidden();

    await page.emulateMedia({ media: 'print' });
    const report = page.getByTestId('print-aar');
    await expect(report).toBeVisible();
    await expect(report.locator('h1')).toContainText('After-action report: Merewether');
    await expect(report.locator('svg.chart').first()).toBeVisible();
    await expect(report).toContainText('Recommended task');
    await expect(report.getByRole('row').filter({ hasText: 'rejected' }).first()).toContainText('signs and a patrol instead of a closure');
    await expect(page.locator('.workspace')).toBeHidden();
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => child.once('exit', done));
    rmSync(dirname(dataDir), { recursive: true, force: true });
  }
});
