import { demoPin } from '../native/identity/demo-pin.ts';
import { expect, test } from './serve-fixture.ts';
import { expectFlowLogged, foreignRequests, recordRequests } from './ui-helpers.ts';

test.use({ viewport: { width: 1366, height: 768 } });

test('field mode at 1366×768: the whole flow by keyboard alone', async ({ page, served }, testInfo) => {
  const requests = recordRequests(page);
  const title = `Blocked drain ${Date.now() % 100000}`;
  const kb = page.keyboard;
  await page.goto(served.url);

  // Sign in: the roster search has the focus; Tab reaches the first match; then her PIN.
  await expect(page.getByTestId('sign-in-fire-1')).toBeVisible();
  await kb.type('Aisha');
  await kb.press('Tab');
  await expect(page.getByTestId('sign-in-fire-1')).toBeFocused();
  await kb.press('Enter');
  await expect(page.getByTestId('sign-in-secret')).toBeFocused();
  await kb.type(demoPin);
  await kb.press('Enter');
  await expect(page.getByTestId('signed-in')).toContainText('Aisha Karimi');

  // Field mode: one region at a time, high contrast, big targets; remembered on this device.
  await kb.press('Shift+F');
  await expect(page.locator('.app')).toHaveClass(/field-mode/);
  await page.screenshot({ path: testInfo.outputPath('1-field-mode-alerts.png') });

  // Raise a Severe alert (!), type, Enter.
  await kb.press('!');
  await expect(page.getByRole('dialog', { name: 'Raise an alert' })).toBeVisible();
  await kb.type(title);
  await kb.press('Enter');
  const details = page.getByTestId('alert-details');
  await expect(details).toHaveAttribute('data-status', 'raised');
  await expect(page.getByTestId('severe-banner')).toContainText(title);
  await page.screenshot({ path: testInfo.outputPath('2-field-mode-severe-alert.png') });

  // A acknowledges, T starts tasks from the alert; Enter creates it.
  await expect(page.locator('#alert-details-title')).toBeFocused();
  await kb.press('a');
  await expect(details).toHaveAttribute('data-status', 'acknowledged');
  await expect(page.getByTestId('severe-banner')).toHaveCount(0);
  await kb.press('t');
  await expect(page.getByTestId('task-form').getByLabel('Title')).toBeFocused();
  await kb.press('Enter');
  const task = page.getByTestId('task-details');
  await expect(task).toHaveAttribute('data-status', 'new');

  // U: pick a unit by typing its name.
  await expect(page.locator('#task-details-title')).toBeFocused();
  await kb.press('u');
  await expect(page.getByTestId('unit-picker')).toBeVisible();
  await kb.type('Engine 1');
  await kb.press('Enter');
  await expect(task).toHaveAttribute('data-status', 'assigned');
  await expect(page.getByTestId('task-unit')).toHaveText('Engine 1');

  // The board (2): walk to the card, Shift+→ moves it on, M picks Done.
  await kb.press('2');
  await expect(page.locator('#board-col-new')).toBeFocused();
  await kb.press('ArrowRight');
  await expect(page.locator('#board-col-assigned')).toBeFocused();
  await expect(page.locator('#board-col-assigned .task-card.is-active')).toContainText(title);
  await kb.press('Shift+ArrowRight');
  await expect(page.getByTestId('column-in_progress').getByTestId('task-card').filter({ hasText: title })).toBeVisible();
  // The focus follows the card into its new column.
  await expect(page.locator('#board-col-in_progress')).toBeFocused();
  await expect(page.locator('#board-col-in_progress .task-card.is-active')).toContainText(title);
  await kb.press('m');
  await expect(page.getByTestId('status-picker')).toBeVisible();
  await kb.press('5');
  await expect(page.getByTestId('column-done').getByTestId('task-card').filter({ hasText: title })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('3-field-mode-board.png') });

  // The activity log (4) shows each step under Aisha Karimi.
  await kb.press('4');
  await expectFlowLogged(page, 'Aisha Karimi', title);
  await page.screenshot({ path: testInfo.outputPath('4-field-mode-log.png') });

  // Field mode is remembered per device.
  await page.reload();
  await expect(page.locator('.app')).toHaveClass(/field-mode/);
  expect(foreignRequests(requests, served.origin)).toEqual([]);
});
