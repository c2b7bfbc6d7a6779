import type { Page } from '@playwright/test';
import { expect, test } from './serve-fixture.ts';
import { cardIn, openAs } from './ui-helpers.ts';

// Several windows and many steps on a shared two-core machine: more time than one step needs.
test.describe.configure({ timeout: 180_000 });

const editor = (page: Page) => page.getByTestId('task-details').locator('form');

/** Tom (Fire lead) makes a task with the N form and lands on its details. */
async function newTask(page: Page, title: string) {
  await page.keyboard.press('n');
  const form = page.getByTestId('task-form');
  await form.getByLabel('Title').fill(title);
  await form.getByTestId('task-form-submit').click();
  await expect(page.getByTestId('task-details')).toContainText(title);
}

test('two leads save different titles from the same form: nothing is lost — a conflict both see, resolved as an event, history old → new by author', async ({ browser, served }, testInfo) => {
  const tom = await openAs(browser, served.url, 'fire-lead');
  const margaret = await openAs(browser, served.url, 'eoc-lead');
  const title = `Pump Hunter St ${Date.now() % 100000}`;
  await newTask(tom.page, title);
  await margaret.page.getByTestId('board-tab-fire').click();
  await cardIn(margaret.page, 'new', title).click();
  await expect(margaret.page.getByTestId('task-details')).toContainText(title);

  // Both open Edit details on the same version, each types a title, both press Save.
  for (const page of [tom.page, margaret.page]) await page.getByTestId('task-details').getByText('Edit details').click();
  await editor(margaret.page).getByLabel('Title').fill(`${title} (Margaret)`);
  await editor(tom.page).getByLabel('Title').fill(`${title} (Tom)`);
  await editor(margaret.page).getByRole('button', { name: 'Save' }).click();
  await expect(margaret.page.getByTestId('toast-info')).toContainText(`Saved: ${title} (Margaret)`);
  await editor(tom.page).getByRole('button', { name: 'Save' }).click();

  // Tom is not told a plain "Saved": he wrote over a title he never saw.
  await expect(tom.page.getByTestId('toast-warn')).toContainText('Margaret Okafor changed title after you opened it');
  for (const page of [tom.page, margaret.page]) {
    await expect(page.getByTestId('conflicts')).toContainText('Conflicts 1');
    const both = page.getByTestId('task-conflicts');
    await expect(both).toContainText(`Tom Brennan wrote “${title} (Tom)” over Margaret Okafor’s “${title} (Margaret)” without having seen it`);
  }
  const history = tom.page.getByTestId('task-history').getByTestId('history-entry');
  await expect(history.filter({ hasText: 'Margaret Okafor' })).toContainText(`title “${title}” → “${title} (Margaret)”`);
  await expect(history.filter({ hasText: 'Tom Brennan' }).filter({ hasText: 'Task updated' })).toContainText(`title “${title} (Margaret)” → “${title} (Tom)” (over a change its author had not seen)`);
  await tom.page.screenshot({ path: testInfo.outputPath('1-tom-sees-conflict.png') });

  // Margaret resolves it from the status bar: her title. The resolution is an event both windows follow.
  await margaret.page.getByTestId('conflicts').getByRole('button').click();
  const dialog = margaret.page.getByRole('dialog', { name: 'Conflicting edits' });
  await dialog.getByRole('button', { name: `Use “${title} (Margaret)”` }).click();
  await expect(dialog.getByText('No conflicts to resolve.')).toBeVisible();
  await margaret.page.keyboard.press('Escape');
  for (const page of [tom.page, margaret.page]) {
    await expect(page.getByTestId('conflicts')).toContainText('Conflicts 0');
    await expect(page.locator('#task-details-title')).toHaveText(`${title} (Margaret)`);
  }
  await expect(history.filter({ hasText: 'Conflict on title resolved' })).toContainText('Margaret Okafor');
  await tom.context.close();
  await margaret.context.close();
});

test('keyboard moves go where the user said: typed choices, reasons for refused ones, focus follows the card', async ({ browser, served }, testInfo) => {
  const { page, context } = await openAs(browser, served.url, 'fire-lead');
  const kb = page.keyboard;
  const title = `Sandbag Wickham ${Date.now() % 100000}`;
  await newTask(page, title);
  await kb.press('u');
  await kb.type('Engine 1');
  await kb.press('Enter');
  await expect(page.getByTestId('task-details')).toHaveAttribute('data-status', 'assigned');

  await expect(page.getByTestId('task-unit')).toHaveText('Engine 1');
  await expect(page.getByTestId('unit-picker')).toHaveCount(0);
  await kb.press('2');
  await expect(page.locator('#board-col-new')).toBeFocused();
  await kb.press('ArrowRight');
  await expect(page.locator('#board-col-assigned')).toBeFocused();
  await expect(page.locator('#board-col-assigned .task-card.is-active')).toContainText(title);
  // Shift+→: the card moves on and the focus goes with it.
  await kb.press('Shift+ArrowRight');
  await expect(page.locator('#board-col-in_progress')).toBeFocused();
  await expect(page.locator('#board-col-in_progress .task-card.is-active')).toContainText(title);

  // M, "block", Enter: Blocked (the best match), and the focus follows again.
  await kb.press('m');
  await kb.type('block');
  await kb.press('Enter');
  await expect(cardIn(page, 'blocked', title)).toBeVisible();
  await expect(page.locator('#board-col-blocked')).toBeFocused();

  // From Blocked, Done is greyed and says why; typing it and Enter says why again and moves nothing.
  await kb.press('m');
  const picker = page.getByTestId('status-picker');
  await expect(picker.locator('[data-choice=done]')).toBeDisabled();
  await expect(picker.locator('[data-choice=done]')).toContainText('From blocked it can only go to new, assigned, in progress or cancelled');
  await kb.type('done');
  await kb.press('Enter');
  await expect(picker.getByTestId('choice-hint')).toContainText('Done: ');
  await page.screenshot({ path: testInfo.outputPath('2-blocked-done-refused.png') });
  await kb.press('Escape');
  await expect(picker).toHaveCount(0);
  await expect(cardIn(page, 'blocked', title)).toBeVisible();

  // Back to In progress, then "done" + Enter lands in Done (not the first enabled choice).
  await page.locator('#board-col-blocked').focus();
  await kb.press('m');
  await kb.type('in prog');
  await kb.press('Enter');
  await expect(page.locator('#board-col-in_progress .task-card.is-active')).toContainText(title);
  await kb.press('m');
  await kb.type('done');
  await kb.press('Enter');
  await expect(cardIn(page, 'done', title)).toBeVisible();
  await expect(page.locator('#board-col-done')).toBeFocused();
  await context.close();
});

test('two Extreme alerts with the same title and place show as one row with a count', async ({ browser, served }) => {
  const { page, context } = await openAs(browser, served.url, 'fire-lead');
  const title = `Levee breach Tighes Hill ${Date.now() % 100000}`;
  for (let i = 0; i < 2; i++) {
    await page.getByTestId('raise-alert').click();
    const form = page.getByTestId('raise-alert-form');
    await form.getByLabel('Title').fill(title);
    await form.getByLabel('Severity').selectOption('Extreme');
    await form.getByLabel('Longitude').fill('151.7512');
    await form.getByLabel('Latitude').fill('-32.9071');
    await form.getByRole('button', { name: 'Raise alert' }).click();
    await expect(form).toHaveCount(0);
  }
  await expect(page.getByTestId('toast-info').filter({ hasText: 'Grouped with an open alert (now ×2)' })).toBeVisible();
  const rows = page.getByTestId('alert-row').filter({ hasText: title });
  await expect(rows).toHaveCount(1);
  await expect(rows.getByTestId('alert-occurrences')).toHaveText('×2');
  await context.close();
});
