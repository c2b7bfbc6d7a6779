import { readFileSync } from 'node:fs';
import { expect, test } from './serve-fixture.ts';
import { openAs } from './ui-helpers.ts';

test('an alert leaves as a CAP 1.2 file and comes back in; a malformed file is refused with its reason', async ({ browser, served }) => {
  test.setTimeout(120_000);
  const { page, context } = await openAs(browser, served.url, 'eoc-lead');
  await page.keyboard.press('!');
  const form = page.getByTestId('raise-alert-form');
  await form.getByLabel('Title').fill('Water over Glebe Rd');
  await form.getByLabel('Longitude').fill('151.74100');
  await form.getByLabel('Latitude').fill('-32.94400');
  await form.getByRole('button', { name: 'Raise alert' }).click();
  await expect(form).toHaveCount(0);

  // Export: the open alert's CAP message downloads as XML.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('alert-export-cap').click()]);
  expect(download.suggestedFilename()).toMatch(/^cap-.+-1\.xml$/);
  const xml = readFileSync((await download.path())!, 'utf8');
  expect(xml).toContain('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">');
  expect(xml).toContain('<msgType>Alert</msgType>');
  expect(xml).toContain('<circle>-32.944,151.741 0</circle>');

  // Import: the same message from another sender is a new alert in the queue.
  const fromNeighbour = xml.replace(/<sender>[^<]+<\/sender>/, '<sender>neighbour@council</sender>').replace('Water over Glebe Rd', 'Water over Glebe Rd (council)');
  await page.getByTestId('import-cap-file').setInputFiles({ name: 'council.xml', mimeType: 'application/xml', buffer: Buffer.from(fromNeighbour) });
  await expect(page.getByTestId('toast-info').filter({ hasText: 'CAP Alert taken in from council.xml' })).toBeVisible();
  await expect(page.locator('#region-alerts')).toContainText('Water over Glebe Rd (council)');

  // A polygon that is not closed is refused with the reason, and kept by the host.
  const broken = fromNeighbour
    .replace(/<identifier>[^<]+<\/identifier>/, '<identifier>council-2</identifier>')
    .replace(/<circle>[^<]+<\/circle>/, '<polygon>-32.94,151.74 -32.94,151.75 -32.95,151.75 -32.95,151.74</polygon>');
  await page.getByTestId('import-cap-file').setInputFiles({ name: 'broken.xml', mimeType: 'application/xml', buffer: Buffer.from(broken) });
  await expect(page.getByTestId('toast-error')).toContainText(/broken\.xml refused \(kept as refused CAP #1\): info 1 area 1 polygon 1 is not closed/);
  await context.close();
});
