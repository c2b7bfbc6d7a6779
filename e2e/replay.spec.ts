// A recording replayed in serve mode: `polder replay` serves it read only on a virtual clock; the
// page shows the REPLAY banner with the replay's time, and seeking brings alerts in and out.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { smallRecording } from '../native/replay/test-replay-app.ts';
import { syntheticPin } from '../native/replay/synthetic-recording.ts';
import { startServing, stopServing } from './serve-fixture.ts';
import { signIn } from './ui-helpers.ts';

const root = resolve(import.meta.dirname, '..');
test.use({ timezoneId: 'UTC' });

/** `polder replay` of a small recording (an hour from 06:00 UTC), paused at its start, served on a free port. */
async function servedReplay(): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'polder-e2e-replay-'));
  // Alert "Water over the road #29" is raised at 06:28.
  const file = join(dir, 'flood.json');
  writeFileSync(file, JSON.stringify(await smallRecording(join(dir, 'source'))));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  try {
    const { child, url } = await startServing(['replay', file, '--data-dir', join(dir, 'replay'), '--paused', '--port', '0', '--json']);
    return {
      url,
      async stop() {
        await stopServing(child);
        removeDir();
      },
    };
  } catch (err) {
    removeDir();
    throw err;
  }
}

test('a replay shows its banner and time, and a seek brings an alert in and takes it out again', async ({ page }) => {
  test.setTimeout(120_000);
  const replay = await servedReplay();
  try {
    await page.goto(replay.url);
    // Before anyone signs in: the banner and the time already.
    const banner = page.getByTestId('replay-banner');
    await expect(banner).toContainText('REPLAY');
    await expect(page.getByTestId('replay-time')).toContainText('06:00:00');

    await signIn(page, 'observer', syntheticPin('observer'));
    await expect(page.getByTestId('alert-row').filter({ hasText: 'Water over the road #1' })).toBeVisible();
    const late = page.getByTestId('alert-row').filter({ hasText: 'Water over the road #29' });
    await expect(late).toHaveCount(0);

    const scrub = page.getByTestId('replay-scrub');
    await scrub.fill(String(Date.UTC(2007, 5, 8, 6, 30)));
    await expect(page.getByTestId('replay-time')).toContainText('06:30:00');
    await expect(late).toBeVisible();

    await scrub.fill(String(Date.UTC(2007, 5, 8, 6, 10)));
    await expect(page.getByTestId('replay-time')).toContainText('06:10:00');
    await expect(late).toHaveCount(0);
    await expect(page.getByTestId('alert-row').filter({ hasText: 'Water over the road #9' })).toBeVisible();

    // Play at 60×: the clock moves (a minute of the flood a second).
    await page.getByTestId('replay-speed').selectOption('60');
    await page.getByTestId('replay-play').click();
    await expect(banner).toContainText('playing at 60×');
    await expect(page.getByTestId('replay-time')).not.toContainText('06:10:', { timeout: 15_000 });
    await page.screenshot({ path: join(root, 'out', 'test-results', 'replay-banner.png') });
  } finally {
    await replay.stop();
  }
});

test('a lead signed in to a replay is offered no action: no acknowledge, no task move, no new task, and told why', async ({ page }) => {
  test.setTimeout(120_000);
  const replay = await servedReplay();
  try {
    await page.goto(replay.url);
    await signIn(page, 'eoc-lead', syntheticPin('eoc-lead'));
    await expect(page.getByTestId('read-only-reason')).toHaveText(' · Replay: read only');
    await page.getByTestId('replay-scrub').fill(String(Date.UTC(2007, 5, 8, 6, 30)));
    await expect(page.getByTestId('replay-time')).toContainText('06:30:00');

    // An alert nobody had acknowledged by then: live, this lead would be offered Acknowledge.
    await page.getByTestId('alert-row').filter({ hasText: 'Water over the road #29' }).click();
    await expect(page.getByTestId('alert-read-only')).toHaveText('Replay: read only');
    await expect(page.getByTestId('alert-acknowledge')).toHaveCount(0);
    await expect(page.getByTestId('banner-acknowledge')).toHaveCount(0);
    await expect(page.getByTestId('raise-alert')).toHaveCount(0);
    await expect(page.getByTestId('new-task')).toHaveCount(0);
    // The A key does not act either: it says why.
    await page.getByTestId('alert-row').filter({ hasText: 'Water over the road #29' }).press('a');
    await expect(page.getByTestId('toast-info').filter({ hasText: 'Replay: read only' })).toBeVisible();
    await expect(page.getByTestId('toast-error')).toHaveCount(0);

    await page.getByTestId('task-card').first().click();
    await expect(page.getByTestId('task-read-only')).toHaveText('Replay: read only');
    await expect(page.locator('[data-testid^="task-move-"]')).toHaveCount(0);
    await expect(page.getByTestId('task-assign')).toHaveCount(0);
  } finally {
    await replay.stop();
  }
});
