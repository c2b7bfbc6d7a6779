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

/** `polder exercise` on the bundled Merewether MSEL, paused at STARTEX, at 60×. */
async function startExercise(): Promise<string> {
  dataDir = mkdtempSync(join(tmpdir(), 'polder-e2e-exercise-'));
  const msel = join(root, 'resources', 'exercises', 'merewether-2007-msel.csv');
  const started = await startServing(['exercise', '--msel', msel, '--data-dir', dataDir, '--paused', '--speed', '60', '--port', '0', '--json']);
  child = started.child;
  return started.url;
}

test('a controller runs the Merewether MSEL: injects delivered on the clock, one skipped, one delayed, one inserted, a note', async ({ browser }) => {
  test.setTimeout(120_000);
  const { page, context } = await openAs(browser, await startExercise(), 'eoc-lead');
  await expect(page.getByTestId('not-live-banner')).toContainText('EXERCISE');

  await page.getByTestId('exercise-control-open').click();
  const rows = page.getByTestId('inject-row');
  await expect(rows).toHaveCount(15);
  const row = (n: string) => page.locator(`[data-testid="inject-row"][data-number="${n}"]`);
  // STARTEX's inject is due at once; the rest wait for the clock.
  await expect(row('1')).toHaveAttribute('data-status', 'delivered');
  await expect(row('2')).toHaveAttribute('data-status', 'pending');

  await row('3').getByTestId('inject-skip').click();
  await expect(row('3')).toHaveAttribute('data-status', 'skipped');
  await row('4').getByTestId('inject-delay').click();
  await expect(row('4')).toContainText('(delayed)');
  await row('1').getByTestId('inject-note-input').fill('EOC opened the incident 2 minutes after the warning');
  await row('1').getByRole('button', { name: 'Note' }).click();
  await expect(row('1').getByTestId('inject-note')).toContainText('EOC opened the incident 2 minutes after the warning');

  // An ad-hoc message, delivered now, into Police's activity log.
  await page.getByRole('form', { name: 'Insert an inject' }).getByLabel('To').selectOption('police');
  await page.getByTestId('insert-synopsis').fill('Caller reports a man clinging to a tree in Glebe Road creek');
  await page.getByTestId('insert-inject').click();
  await expect(row('X1')).toHaveAttribute('data-status', 'delivered');

  // At 60× inject 2 (20 scenario minutes after STARTEX) comes 20 s after play.
  await page.getByTestId('exercise-play').click();
  await expect(page.getByTestId('exercise-play')).toHaveText('Pause');
  await expect(row('2')).toHaveAttribute('data-status', 'delivered', { timeout: 60_000 });
  await expect(row('3')).toHaveAttribute('data-status', 'skipped');
  await page.getByTestId('exercise-play').click();
  await page.keyboard.press('Escape');

  const log = page.locator('#region-timeline');
  await expect(log).toContainText('Exercise inject 1 — Message from Bureau of Meteorology (SimCell) to EOC');
  await expect(log).toContainText('Exercise inject X1 — Message from Controller to Police: Caller reports a man clinging');
  await expect(log).toContainText('Inject 3 skipped by Margaret Okafor');
  await context.close();
});
