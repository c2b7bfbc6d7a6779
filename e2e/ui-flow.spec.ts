import { expect, test } from './serve-fixture.ts';
import { cardIn, expectFlowLogged, expectSignedOut, foreignRequests, openAs } from './ui-helpers.ts';

test('alert → acknowledge → task from it → assign a unit → drag to done, logged and live in another department', async ({ browser, served }, testInfo) => {
  const fire = await openAs(browser, served.url, 'fire-lead');
  const police = await openAs(browser, served.url, 'police-lead');
  const a = fire.page;
  const b = police.page;
  const title = `Flooded underpass ${testInfo.workerIndex}-${Date.now() % 100000}`;

  // The watcher looks at every department's board.
  await b.getByTestId('board-tab-all').click();

  // Fire raises a Severe alert; the police window cannot miss it (banner + alarm).
  await a.getByTestId('raise-alert').click();
  const form = a.getByTestId('raise-alert-form');
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Description').fill('Car stalled in 60 cm of water');
  await form.getByLabel('Longitude').fill('151.7536');
  await form.getByLabel('Latitude').fill('-32.9441');
  await form.getByRole('button', { name: 'Raise alert' }).click();
  await expect(b.getByTestId('severe-banner')).toContainText(title);
  await expect(b.getByTestId('severe-banner')).toHaveAttribute('data-alarms', /^[1-9]/);
  await expect(b.getByTestId('alert-row').filter({ hasText: title })).toBeVisible();
  await b.screenshot({ path: testInfo.outputPath('1-police-sees-severe-alert.png') });

  // Acknowledge with one key on the queue.
  await a.getByTestId('alert-row').filter({ hasText: title }).click();
  await a.locator('#alert-list').press('a');
  await expect(a.getByTestId('alert-details')).toHaveAttribute('data-status', 'acknowledged');
  await expect(b.getByTestId('severe-banner')).toHaveCount(0);
  await expect(b.getByTestId('alert-row').filter({ hasText: title })).toContainText('acknowledged');

  // Create a task from the alert (T), for Fire.
  await a.locator('#alert-list').press('t');
  const taskForm = a.getByTestId('task-form');
  await expect(taskForm.getByLabel('Title')).toHaveValue(title);
  await expect(taskForm.getByLabel('Longitude')).toHaveValue('151.7536');
  await taskForm.getByTestId('task-form-submit').click();
  await expect(a.getByTestId('task-details')).toHaveAttribute('data-status', 'new');
  await expect(cardIn(b, 'new', title)).toBeVisible();

  // Police may not move Fire's task: native refuses and the window says why; nothing moves.
  await cardIn(b, 'new', title).dragTo(b.getByTestId('column-in_progress'), { steps: 8 });
  await expect(b.getByTestId('toast-error')).toContainText('Sandra Cole cannot');
  await expect(cardIn(b, 'new', title)).toBeVisible();

  // Assign a unit by dragging the card onto it.
  await cardIn(a, 'new', title).dragTo(a.getByTestId('unit-unit-fire-engine-1'), { steps: 8 });
  await expect(a.getByTestId('task-unit')).toHaveText('Engine 1');
  await expect(cardIn(a, 'assigned', title)).toBeVisible();
  await expect(cardIn(b, 'assigned', title)).toContainText('Engine 1');

  // Drag through In progress to Done. The police board follows live: it fetches just that task's
  // row (board.rows) after the numbered push, without re-querying the board or reloading the page.
  const taskId = (await a.getByTestId('task-details').getAttribute('data-task-id'))!;
  await b.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
  const callsBefore = police.calls.length;
  await cardIn(a, 'assigned', title).dragTo(a.getByTestId('column-in_progress'), { steps: 8 });
  await expect(cardIn(b, 'in_progress', title)).toBeVisible();
  const since = police.calls.slice(callsBefore);
  expect(since.filter((c) => c.method === 'board.rows' && (c.args.ids as string[]).includes(taskId)).length).toBeGreaterThan(0);
  expect(await b.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
  await cardIn(a, 'in_progress', title).dragTo(a.getByTestId('column-done'), { steps: 8 });
  await expect(a.getByTestId('task-details')).toHaveAttribute('data-status', 'done');
  await expect(cardIn(b, 'done', title)).toBeVisible();

  // A done task is read-only: native lists no moves or actions on it, so the panel offers none.
  const closed = a.getByTestId('task-details');
  await expect(closed).toHaveAttribute('data-read-only', 'true');
  await expect(a.getByTestId('task-read-only')).toContainText('closed and read-only');
  await expect(closed.getByTestId('task-assign')).toHaveCount(0);
  await expect(closed.locator('[data-testid^=task-move-]')).toHaveCount(0);
  await expect(closed.getByText('Edit details')).toHaveCount(0);
  await a.screenshot({ path: testInfo.outputPath('2-fire-task-done.png') });
  await b.screenshot({ path: testInfo.outputPath('3-police-sees-done.png') });

  // The activity log shows every step, each with its actor, in both windows.
  for (const page of [a, b]) await expectFlowLogged(page, 'Tom Brennan', title);
  // The task's own history lists the same steps under its actor.
  await expect(a.getByTestId('task-history')).toContainText('Tom Brennan');
  await expect(a.getByTestId('task-history').locator('li')).toHaveCount(4);

  // Sign out: with the header button in one window, from the command palette in the other.
  await a.getByTestId('sign-out').click();
  await expectSignedOut(a, 'fire-lead');
  await b.keyboard.press('Control+k');
  await b.keyboard.type('sign out');
  await b.keyboard.press('Enter');
  await expectSignedOut(b, 'police-lead');

  expect(foreignRequests(fire.requests, served.origin)).toEqual([]);
  expect(foreignRequests(police.requests, served.origin)).toEqual([]);
  await fire.context.close();
  await police.context.close();
});
