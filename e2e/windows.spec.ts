import { expect, test } from './serve-fixture.ts';
import { signIn } from './ui-helpers.ts';

test('a new window is another session: two people at once, pushes reach both, each window keeps its own layout', async ({ page, context, served }) => {
  // Two full windows (map included) on one machine.
  test.slow();
  await page.goto(served.url);
  await signIn(page, 'fire-lead');
  await expect(page.getByTestId('board-tab-fire')).toHaveAttribute('aria-selected', 'true');

  // "New window" from the command palette: the same app, as window 2, in the same browser profile.
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill('new window');
  const [second] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
  expect(new URL(second.url()).hash).toBe('#window=2');

  await second.bringToFront();
  // Window 2 is its own session: nobody is signed in there until someone does.
  await signIn(second, 'police-lead');
  await expect(second.getByTestId('signed-in')).toContainText('· POL ·');
  await expect(page.getByTestId('signed-in')).toContainText('· FIRE ·');
  await second.getByTestId('board-tab-all').click();

  // Fire's new task reaches the other window's board live.
  const title = `Pump out basement ${Date.now() % 100000}`;
  await page.bringToFront();
  await page.keyboard.press('n');
  await page.getByTestId('task-form').getByLabel('Title').fill(title);
  await page.getByTestId('task-form').getByTestId('task-form-submit').click();
  await expect(page.getByTestId('task-details')).toContainText(title);
  // Headless Chromium shows one tab of a browser window at a time; side-by-side windows both draw.
  await second.bringToFront();
  await expect(second.getByTestId('column-new').getByTestId('task-card').filter({ hasText: title })).toBeVisible({ timeout: 20_000 });

  // Reloaded, each window asks for its person again (the device remembers no one) and comes back with its own board.
  await page.bringToFront();
  await page.reload();
  await signIn(page, 'fire-lead');
  await expect(page.getByTestId('signed-in')).toContainText('· FIRE ·', { timeout: 20_000 });
  await expect(page.getByTestId('board-tab-fire')).toHaveAttribute('aria-selected', 'true');
  await second.bringToFront();
  await second.reload();
  expect(new URL(second.url()).hash).toBe('#window=2');
  await signIn(second, 'police-lead');
  await expect(second.getByTestId('signed-in')).toContainText('· POL ·', { timeout: 20_000 });
  await expect(second.getByTestId('board-tab-all')).toHaveAttribute('aria-selected', 'true');
});
