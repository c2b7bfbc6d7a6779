import { openAs, signIn } from './ui-helpers.ts';
import { expect, test } from './serve-fixture.ts';

test('a simulation run outlives the page: a reload and a second browser see it and its grids', async ({ browser, served }) => {
  test.setTimeout(300_000);
  // Priya Nair (EOC) starts the run.
  const starter = await openAs(browser, served.url, 'eoc-2');
  const map = starter.page.getByTestId('map');
  await expect(map).toHaveAttribute('data-hillshade', 'drawn', { timeout: 30_000 });
  await expect(starter.page.getByText('No simulation run yet.')).toBeVisible();
  await starter.page.getByRole('button', { name: 'Run simulation' }).click();
  await expect(map).toHaveAttribute('data-overlay', 'depth', { timeout: 60_000 });

  // Reloaded (mid-run, unless the run is already over): the same run, drawn again.
  await starter.page.reload();
  await signIn(starter.page, 'eoc-2');
  await expect(map).toHaveAttribute('data-overlay', 'depth', { timeout: 30_000 });
  await expect(starter.page.getByText('No simulation run yet.')).toHaveCount(0);
  await expect(starter.page.getByTestId('sim-progress')).toHaveText(/run completed/, { timeout: 200_000 });

  // A second browser (Fire & Rescue) joins after the end: the run, its end and its grids in every view.
  const other = await openAs(browser, served.url, 'fire-1');
  const otherMap = other.page.getByTestId('map');
  await expect(otherMap).toHaveAttribute('data-overlay', 'depth', { timeout: 30_000 });
  await expect(other.page.getByTestId('sim-progress')).toHaveText(/run completed/);
  await expect(other.page.locator('.flood-time')).toHaveText(/16:40/);
  await other.page.getByRole('radio', { name: 'Hazard' }).check();
  await expect(otherMap).toHaveAttribute('data-overlay', 'hazard');
  await expect(other.page.getByTestId('flood-legend')).toContainText('H1');
  // The assets the water reached, as the starter's browser lists them.
  const risks = (page: typeof other.page) => page.getByTestId('assets-at-risk').getByRole('listitem').allTextContents();
  await expect.poll(() => risks(other.page)).toEqual(await risks(starter.page));
  expect((await risks(other.page)).length).toBeGreaterThan(0);
  await other.page.screenshot({ path: test.info().outputPath('late-joiner-hazard.png') });
  await starter.context.close();
  await other.context.close();
});
