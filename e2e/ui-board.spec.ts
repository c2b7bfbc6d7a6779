import type { Page } from '@playwright/test';
import { expect, test } from './serve-fixture.ts';
import { cardIn, foreignRequests, recordRequests, signIn } from './ui-helpers.ts';

/** Interactive nodes in Chromium's accessibility tree that have no accessible name. */
async function unnamedControls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { ignored: boolean; role?: { value: string }; name?: { value: string } }[] };
  await cdp.detach();
  const interactive = new Set(['button', 'textbox', 'searchbox', 'combobox', 'checkbox', 'listbox', 'option', 'tab', 'link', 'dialog']);
  return nodes.filter((n) => !n.ignored && interactive.has(n.role?.value ?? '') && !n.name?.value?.trim()).map((n) => n.role!.value);
}

/** "2026-01-01T10:00" in UTC, as the due-time field takes it. */
const utcInput = (ms: number) => new Date(ms).toISOString().slice(0, 16);

test('overdue tasks are highlighted with a ticking countdown; filters narrow the board; every control is named', async ({ page, served }, testInfo) => {
  const requests = recordRequests(page);
  const suffix = Date.now() % 100000;
  const late = `Clear culvert ${suffix}`;
  const later = `Inspect levee ${suffix}`;
  await page.goto(served.url);
  await signIn(page, 'works-lead');
  await expect(page.getByTestId('board-tab-works')).toHaveAttribute('aria-selected', 'true');

  for (const [title, due, priority] of [
    [late, utcInput(Date.now() - 3 * 60_000), 'Critical'],
    [later, utcInput(Date.now() + 3 * 3600_000), 'Normal'],
  ] as const) {
    await page.keyboard.press('n');
    const form = page.getByTestId('task-form');
    await form.getByLabel('Title').fill(title);
    await form.getByLabel('Priority').selectOption({ label: priority });
    await form.getByLabel('Due (UTC)').fill(due);
    await form.getByTestId('task-form-submit').click();
    await expect(page.getByTestId('task-details')).toContainText(title);
  }

  // Overdue comes from native; the countdown ticks with the app clock.
  const overdueCard = cardIn(page, 'new', late);
  await expect(overdueCard).toHaveClass(/is-overdue/);
  const countdown = overdueCard.getByTestId('overdue');
  await expect(countdown).toHaveText(/^Overdue \d+m \d\ds$/);
  const first = await countdown.textContent();
  await expect(countdown).not.toHaveText(first!, { timeout: 5000 });
  await expect(cardIn(page, 'new', later)).not.toHaveClass(/is-overdue/);
  await expect(cardIn(page, 'new', later)).toContainText(/Due in 2h 5\dm|Due in 3h 00m/);
  await expect(page.getByTestId('board-tab-works').getByLabel(/overdue/)).toHaveText('1');
  await page.screenshot({ path: testInfo.outputPath('board-overdue.png') });

  // Filters: overdue only, then priority.
  await page.getByLabel('Overdue only').check();
  await expect(cardIn(page, 'new', late)).toBeVisible();
  await expect(cardIn(page, 'new', later)).toHaveCount(0);
  await page.getByLabel('Overdue only').uncheck();
  await page.getByRole('group', { name: 'Board filters' }).getByLabel('Priority').selectOption({ label: 'Normal' });
  await expect(cardIn(page, 'new', later)).toBeVisible();
  await expect(cardIn(page, 'new', late)).toHaveCount(0);

  // Edit in the task panel: the board and the log follow.
  await cardIn(page, 'new', later).click();
  await page.getByTestId('task-details').getByText('Edit details').click();
  const editor = page.getByTestId('task-details').locator('form');
  await editor.getByLabel('Title').fill(`${later} (east bank)`);
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(cardIn(page, 'new', `${later} (east bank)`)).toBeVisible();
  await expect(page.getByTestId('timeline-entry').filter({ hasText: `Task updated: title “${later}” → “${later} (east bank)”` })).toHaveCount(1);

  // Accessible names everywhere, in both themes; the palette and the shortcut overlay by keyboard.
  expect(await unnamedControls(page)).toEqual([]);
  await page.locator('body').click({ position: { x: 5, y: 760 } });
  await page.keyboard.press('Control+k');
  await expect(page.getByTestId('palette-input')).toBeFocused();
  await page.keyboard.type('field mode');
  await page.keyboard.press('Enter');
  await expect(page.locator('.app')).toHaveClass(/field-mode/);
  expect(await unnamedControls(page)).toEqual([]);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('shortcuts-field-mode.png') });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0);
  // Leave field mode for the next test on this device's storage (contexts are fresh anyway).
  await page.keyboard.press('Shift+F');
  await expect(page.locator('.app')).not.toHaveClass(/field-mode/);
  expect(foreignRequests(requests, served.origin)).toEqual([]);
});
