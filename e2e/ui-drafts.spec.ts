import { expect, test } from './serve-fixture.ts';
import { mapPixels } from './map-pixels.ts';
import { cardIn, openAs } from './ui-helpers.ts';

test('a forecast drafts recommended tasks; one approved from the UI lands on its department board, one rejected with a reason', async ({ browser, served }, testInfo) => {
  // a 10-minute Merewether forecast and two what-if runs: minutes on a busy 2-core machine
  test.setTimeout(240_000);
  const { page } = await openAs(browser, served.url, 'eoc-lead');
  const drafts = page.getByTestId('drafts');
  await drafts.getByTestId('forecast-ahead').fill('10');
  await drafts.getByTestId('forecast-run').click();
  // Merewether's creek road floods within minutes: closures for Transport arrive as drafts
  const closure = drafts.getByRole('listitem').filter({ hasText: /^Close Road, segment \d+ of \d+/ });
  await expect(closure.first()).toBeVisible({ timeout: 90_000 });
  await expect(closure.first()).toContainText('TRN');
  await page.screenshot({ path: testInfo.outputPath('drafts.png') });
  // nothing on Transport's board until a person approves
  await page.getByTestId('board-tab-transport').click();
  await expect(page.getByTestId('task-card')).toHaveCount(0);

  const title = (await closure.first().locator('strong').textContent())!;
  await closure.first().getByRole('button', { name: 'Edit' }).click();
  await closure.first().getByLabel('Priority').selectOption('critical');
  await closure.first().getByLabel('Reason').fill('school pick-up time');
  await closure.first().getByRole('button', { name: 'Approve with changes' }).click();
  await expect(drafts.getByRole('listitem').filter({ hasText: title })).toHaveCount(0);
  await expect(cardIn(page, 'new', title)).toBeVisible();

  const other = drafts.getByRole('listitem').first();
  const rejected = (await other.locator('strong').textContent())!;
  await other.getByRole('button', { name: 'Reject' }).click();
  await other.getByLabel('Reason').fill('already barricaded');
  await other.getByRole('button', { name: 'Reject' }).click();
  await expect(drafts.getByRole('listitem').filter({ hasText: rejected })).toHaveCount(0);

  const log = page.getByTestId('timeline-entry');
  await expect(log.filter({ hasText: `Recommended task approved: "${title}" for transport — school pick-up time` })).toHaveCount(1);
  await expect(log.filter({ hasText: `Recommended task rejected: "${rejected}" — already barricaded` })).toHaveCount(1);

  // pumps and walls at the asset at risk, each tried in a what-if run; the best one tried again from its draft
  await drafts.getByTestId('whatif-rank').click();
  const placement = drafts.getByRole('listitem').filter({ hasText: /^(Place a 1 m³\/s pump|Put up a 1\.2 m flood barrier) / }).filter({ hasText: 'Ranked 1 of' });
  await expect(placement).toHaveCount(1, { timeout: 180_000 });
  await placement.getByRole('button', { name: 'Try (what-if)' }).click();
  const result = drafts.getByTestId('whatif-result');
  await expect(result).toBeVisible({ timeout: 120_000 });
  await expect(result.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^Road underpass/ }) })).toContainText('alert avoided');

  // a second, named what-if closing the deepest road: recorded, compared side by side with the first
  const form = drafts.getByTestId('whatif-form');
  const road = form.getByRole('checkbox').first();
  const roadName = ((await road.locator('..').textContent()) ?? '').replace(/\s*\([\d.]+ m\)\s*$/, '').trim();
  await road.check();
  await form.getByTestId('whatif-name').fill('Close the deepest road');
  await form.getByRole('button', { name: 'Run what-if' }).click();
  await expect(result.getByRole('columnheader', { name: /Close the deepest road/ })).toBeVisible({ timeout: 120_000 });
  await expect(result.getByRole('columnheader')).toHaveCount(3);
  await expect(result.getByRole('row').filter({ has: page.getByRole('rowheader', { name: roadName, exact: true }) }).filter({ hasText: /closed \(\d+\.\d\d m on it\)/ })).toBeVisible();
  await expect(log.filter({ hasText: 'What-if run "Close the deepest road" started' }).filter({ hasText: '1 road closure' })).toHaveCount(1);

  // the difference drawn on the map, toggled from the table: every changed cell painted, in the legend's colours
  const map = page.getByTestId('map');
  const before = await mapPixels(page);
  const firstOnMap = result.getByTestId('whatif-on-map').first();
  await firstOnMap.check();
  await expect(map).toHaveAttribute('data-whatif', /.+/);
  const legend = page.getByTestId('whatif-legend');
  const legendCells = [...((await legend.textContent()) ?? '').matchAll(/\((\d+) cells\)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
  expect(legendCells).toBeGreaterThan(0);
  await expect(map).toHaveAttribute('data-whatif-cells', String(legendCells));
  await page.waitForTimeout(500);
  const after = await mapPixels(page);
  let changed = 0;
  for (let i = 0; i < before.length; i += 4) if (Math.abs(after[i]! - before[i]!) + Math.abs(after[i + 2]! - before[i + 2]!) > 30) changed++;
  expect(changed).toBeGreaterThan(0);
  await page.screenshot({ path: testInfo.outputPath('whatif.png') });
  await firstOnMap.uncheck();
  await expect(map).not.toHaveAttribute('data-whatif', /.*/);
  await expect(legend).toHaveCount(0);
});
