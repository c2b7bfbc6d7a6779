// An exercise's after-action report from the palette: the injects come from the exercise's own
// log (delivered, skipped) with no list handed to the report.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { startServing, stopServing } from './serve-fixture.ts';
import { openAs } from './ui-helpers.ts';

const root = resolve(import.meta.dirname, '..');
let child: ChildProcess | null = null;
let dataDir = '';

test.afterEach(async () => {
  if (child) await stopServing(child);
  child = null;
  rmSync(dataDir, { recursive: true, force: true });
});

test('the after-action report printed in exercise mode lists the MSEL\'s injects as delivered and skipped', async ({ browser }) => {
  test.setTimeout(120_000);
  dataDir = mkdtempSync(join(tmpdir(), 'polder-e2e-exercise-aar-'));
  const msel = join(root, 'resources', 'exercises', 'merewether-2007-msel.csv');
  const started = await startServing(['exercise', '--msel', msel, '--data-dir', dataDir, '--paused', '--port', '0', '--json']);
  child = started.child;
  const { page, context } = await openAs(browser, started.url, 'eoc-lead');

  // Inject 1 is due at STARTEX and goes out at once; the controller skips inject 3.
  await page.getByTestId('exercise-control-open').click();
  const row = (n: string) => page.locator(`[data-testid="inject-row"][data-number="${n}"]`);
  await expect(row('1')).toHaveAttribute('data-status', 'delivered');
  await row('3').getByTestId('inject-skip').click();
  await expect(row('3')).toHaveAttribute('data-status', 'skipped');
  await page.keyboard.press('Escape');

  await page.evaluate(() => {
    window.print = () => undefined;
  });
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill('after-action');
  await page.keyboard.press('Enter');
  await page.emulateMedia({ media: 'print' });
  const report = page.getByTestId('print-aar');
  await expect(report).toBeVisible();
  await expect(report).toContainText('Exercise injects: expected against done');
  const injects = report.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Expected action' }) });
  const injectRow = (synopsis: string) => injects.getByRole('row').filter({ hasText: synopsis });
  // STARTEX is 15:00 AEST, 05:00 UTC.
  await expect(injectRow('Severe weather warning upgraded')).toContainText('05:00:00');
  await expect(injectRow('Severe weather warning upgraded')).toContainText('EOC lead opens an incident');
  await expect(injectRow('Flash flood warning: intense rain')).toContainText('skipped');
  await context.close();
});
