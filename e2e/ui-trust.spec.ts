import { expect, test } from './serve-fixture.ts';
import { cardIn, openAs, signIn } from './ui-helpers.ts';

test('a hydrograph opened after a run behind the Task tab draws its line; the rain gauge says it has no source', async ({ page, served }) => {
  test.setTimeout(180_000);
  await page.goto(served.url);
  await signIn(page, 'eoc-lead');
  await expect(page.getByTestId('details-tab')).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: 'Run simulation' }).click();
  await expect(page.getByTestId('map')).toHaveAttribute('data-overlay', 'depth', { timeout: 90_000 });
  await page.waitForTimeout(1500);

  await page.getByTestId('gauges-tab').click();
  const chart = page.locator('.hydrograph canvas').first();
  await expect(chart).toBeVisible();
  // The depth line is drawn in #0b5cad: count its pixels on the chart's canvas.
  const linePixels = () =>
    chart.evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - 0x0b) < 30 && Math.abs(data[i + 1]! - 0x5c) < 30 && Math.abs(data[i + 2]! - 0xad) < 30 && data[i + 3]! > 200) n++;
      return n;
    });
  await expect.poll(linePixels, { timeout: 10_000 }).toBeGreaterThan(40);

  await expect(page.getByTestId('gauge-g-rain')).toContainText('no source yet');
  await page.getByTestId('gauge-g-rain').click();
  await expect(page.getByTestId('gauge-no-source')).toContainText('no live rain sensor');
});

test('times read in the device zone with the zone in the status bar, UTC on demand', async ({ browser, served }) => {
  const context = await browser.newContext({ timezoneId: 'Australia/Sydney', locale: 'en-AU', viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  await page.goto(served.url);
  await signIn(page, 'works-lead');
  const zone = page.getByTestId('time-zone');
  await expect(zone).toHaveText(/^(?:AE[DS]T|GMT\+1[01])$/);
  await expect(page.getByTestId('clock')).toHaveText(/^\d\d:\d\d:\d\d (?:AE[DS]T|GMT\+1[01])$/);

  await page.keyboard.press('n');
  const form = page.getByTestId('task-form');
  await expect(form.getByLabel(/^Due \((?:AE[DS]T|GMT\+1[01])\)$/)).toBeVisible();
  await form.getByLabel('Title').fill('Sandbag the pump station');
  await form.getByTestId('task-form-submit').click();
  const entry = page.getByTestId('timeline-entry').filter({ hasText: 'Task created: Sandbag the pump station' }).locator('time');
  await expect(entry).toHaveText(/^\d\d:\d\d$/);
  await expect(entry).toHaveAttribute('title', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (?:AE[DS]T|GMT\+1[01])$/);
  const iso = (await entry.getAttribute('datetime'))!;
  const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Australia/Sydney', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  await expect(entry).toHaveText(local);

  await zone.click();
  await expect(zone).toHaveText('UTC');
  await expect(entry).toHaveText(iso.slice(11, 16));
  await expect(entry).toHaveAttribute('title', /UTC$/);
  await context.close();
});

test('the palette finds and opens a task by its title, finds the simulation and the scenario’s assets', async ({ page, served }) => {
  test.setTimeout(120_000);
  await page.goto(served.url);
  await signIn(page, 'works-lead');
  await page.keyboard.press('n');
  const form = page.getByTestId('task-form');
  await form.getByLabel('Title').fill('Clear the Glebe culvert grate');
  await form.getByTestId('task-form-submit').click();
  await expect(page.getByTestId('task-details')).toContainText('Clear the Glebe culvert grate');

  const palette = page.getByTestId('palette-input');
  await page.keyboard.press('Control+k');
  await palette.fill('sim');
  await expect(page.getByRole('option', { name: /Run simulation/ })).toBeVisible();
  await palette.fill('school');
  await expect(page.getByRole('option', { name: /Asset.*School/i })).toBeVisible();
  await page.keyboard.press('Escape');

  // A fresh page (signed in again: the device remembers no one) has no task open: the palette is what opens it.
  await page.reload();
  await signIn(page, 'works-lead');
  await expect(page.getByTestId('task-details')).toHaveCount(0);
  await page.keyboard.press('Control+k');
  await palette.fill('glebe culvert');
  const option = page.getByRole('option', { name: /Task.*Clear the Glebe culvert grate/ });
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('task-details')).toContainText('Clear the Glebe culvert grate', { timeout: 15_000 });
});

test('picking on the map works from the raise-alert dialog and the task form, with readable coordinates and no stray chooser', async ({ browser, served }) => {
  test.setTimeout(120_000);
  const { page, calls, context } = await openAs(browser, served.url, 'eoc-lead');
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-hillshade', 'drawn', { timeout: 30_000 });
  const canvas = page.locator('#region-map canvas').first();

  await page.keyboard.press('!');
  const form = page.getByTestId('raise-alert-form');
  await form.getByLabel('Title').fill('Water over the road at the school');
  await form.getByRole('button', { name: 'Pick on map' }).click();
  await expect(form).toBeHidden();
  await canvas.click({ position: { x: 200, y: 200 } });
  await expect(form).toBeVisible();
  const lon = await form.getByLabel('Longitude').inputValue();
  expect(lon).toMatch(/^\d+\.\d{5}$/);
  expect(await form.getByLabel('Latitude').inputValue()).toMatch(/^-\d+\.\d{5}$/);
  // Beside the degrees, the pack's own grid reference: UTM zone 56S metres inside Merewether's DEM.
  await expect(form.getByTestId('grid-reference')).toHaveText(/^Grid reference: E 38[12]\d{3} N 635[34]\d{3} \(WGS 1984 UTM Zone 56S\)$/);
  await form.getByLabel('Longitude').fill('151.74062');
  await form.getByLabel('Latitude').fill('-32.94353');
  await expect(form.getByTestId('grid-reference')).toHaveText('Grid reference: E 382275 N 6354270 (WGS 1984 UTM Zone 56S)');
  await form.getByLabel('Longitude').fill('');
  await expect(form.getByTestId('grid-reference')).toHaveCount(0);
  await form.getByLabel('Longitude').fill(lon);
  await form.getByRole('button', { name: 'Raise alert' }).click();
  await expect(form).toHaveCount(0);
  const raised = calls.find((c) => c.method === 'alerts.raise');
  expect(raised?.args.area).toEqual({ type: 'Point', coordinates: [Number(lon), expect.any(Number)] });

  await page.getByTestId('new-task').click();
  const taskForm = page.getByTestId('task-form');
  await taskForm.getByRole('button', { name: 'Pick on map' }).click();
  await canvas.click({ position: { x: 260, y: 240 } });
  await expect(taskForm.getByLabel('Longitude')).toHaveValue(/^\d+\.\d{5}$/);
  await expect(taskForm.getByTestId('grid-reference')).toHaveText(/^Grid reference: E 38[12]\d{3} N 635[34]\d{3} \(WGS 1984 UTM Zone 56S\)$/);
  await page.waitForTimeout(500);
  await expect(page.getByText(/Use the point you drew/)).toHaveCount(0);
  await context.close();
});

test('refusals are plain words beside their field, limits show as one types, and an observer is not offered the forms', async ({ browser, served }) => {
  test.setTimeout(120_000);
  const { page, calls, context } = await openAs(browser, served.url, 'eoc-lead');
  await page.keyboard.press('!');
  const form = page.getByTestId('raise-alert-form');
  await form.getByLabel('Title').fill('   ');
  await form.getByLabel('Longitude').fill('abc');
  await form.getByLabel('Latitude').fill('-32.94');
  await form.getByRole('button', { name: 'Raise alert' }).click();
  await expect(form.getByLabel('Longitude')).toHaveAccessibleDescription('Longitude must be a number, like 151.75.');
  await expect(form.getByLabel('Title')).toHaveAccessibleDescription('Title cannot be empty or only spaces.');
  await expect(form).not.toContainText('Invalid input');
  expect(calls.filter((c) => c.method === 'alerts.raise')).toHaveLength(0);

  // The count shows near the limit, and past it the form says so instead of cutting.
  await form.getByLabel('Title').fill('x'.repeat(205));
  await expect(form.getByLabel('Title')).toHaveValue('x'.repeat(205));
  await expect(form).toContainText('205 / 200 characters');
  await form.getByRole('button', { name: 'Raise alert' }).click();
  await expect(form.getByLabel('Title')).toHaveAccessibleDescription(/Title is too long: at most 200 characters/);
  await page.keyboard.press('Escape');

  // A due date in 2007 is refused beside the due field.
  await page.getByTestId('new-task').click();
  const taskForm = page.getByTestId('task-form');
  await taskForm.getByLabel('Title').fill('Check the 2007 gauge');
  await taskForm.getByLabel(/^Due/).fill('2007-06-08T12:00');
  await taskForm.getByTestId('task-form-submit').click();
  await expect(taskForm.getByLabel(/^Due/)).toHaveAccessibleDescription(/The due time is already past/);
  expect(calls.filter((c) => c.method === 'tasks.create')).toHaveLength(0);
  await context.close();

  const observer = await openAs(browser, served.url, 'observer');
  await expect(observer.page.locator('#region-alerts')).toBeVisible();
  await expect(observer.page.getByTestId('raise-alert')).toHaveCount(0);
  await expect(observer.page.getByTestId('new-task')).toHaveCount(0);
  await observer.page.keyboard.press('!');
  await expect(observer.page.getByTestId('raise-alert-form')).toHaveCount(0);
  await observer.context.close();
});

test('a touch drag moves a card to another column', async ({ browser, served }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ hasTouch: true, viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  await page.goto(served.url);
  await signIn(page, 'works-lead');
  await page.keyboard.press('n');
  const form = page.getByTestId('task-form');
  await form.getByLabel('Title').fill('Touch-dragged culvert check');
  await form.getByTestId('task-form-submit').click();
  const card = cardIn(page, 'new', 'Touch-dragged culvert check');
  await expect(card).toBeVisible();

  const from = (await card.boundingBox())!;
  const to = (await page.getByTestId('column-cancelled').boundingBox())!;
  const cdp = await context.newCDPSession(page);
  const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
  const [x0, y0] = [from.x + from.width / 2, from.y + from.height / 2];
  const [x1, y1] = [to.x + to.width / 2, to.y + to.height / 2];
  await touch('touchStart', x0, y0);
  await page.waitForTimeout(400); // a resting touch starts the drag; a swipe would scroll
  for (let i = 1; i <= 10; i++) await touch('touchMove', x0 + ((x1 - x0) * i) / 10, y0 + ((y1 - y0) * i) / 10);
  await touch('touchEnd', x1, y1);
  await expect(cardIn(page, 'cancelled', 'Touch-dragged culvert check')).toBeVisible({ timeout: 15_000 });
  await context.close();
});

test('field mode: every visible control is at least 44 px each way, and 4 then N starts a task', async ({ browser, served }) => {
  test.setTimeout(120_000);
  const { page, context } = await openAs(browser, served.url, 'works-lead', { width: 1366, height: 768 });
  await page.keyboard.press('Shift+F');
  await expect(page.locator('.app')).toHaveClass(/field-mode/);
  const small: string[] = [];
  for (const tab of ['alerts', 'board', 'details', 'timeline', 'map']) {
    await page.getByTestId(`tab-${tab}`).click();
    await page.waitForTimeout(300);
    small.push(
      ...(await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('button, [role="tab"], select, summary')]
          .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
          .map((el) => ({ el, box: el.getBoundingClientRect() }))
          .filter(({ box }) => box.width < 43.5 || box.height < 43.5)
          .map(({ el, box }) => `${el.textContent?.trim().slice(0, 20) || el.getAttribute('aria-label')} ${Math.round(box.width)}×${Math.round(box.height)}`),
      )),
    );
  }
  expect([...new Set(small)]).toEqual([]);

  await page.keyboard.press('4');
  await expect(page.getByTestId('tab-timeline')).toHaveAttribute('aria-current', 'page');
  await page.keyboard.press('n');
  await expect(page.getByTestId('task-form')).toBeVisible();
  await context.close();
});

test('the map frames the scenario: its outline spans the pane; the flood panel folds away', async ({ page, served }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(served.url);
  await signIn(page, 'eoc-lead');
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-layers-loaded', 'true', { timeout: 30_000 });
  await page.waitForTimeout(1000);
  // The extent's outline is drawn in #3b4a5a: its pixels' box against the canvas.
  const box = await page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=map] canvas')!;
    const copy = document.createElement('canvas');
    [copy.width, copy.height] = [canvas.width, canvas.height];
    const ctx = copy.getContext('2d')!;
    ctx.drawImage(canvas, 0, 0);
    const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -1, -1];
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i]! - 0x3b) > 12 || Math.abs(data[i + 1]! - 0x4a) > 12 || Math.abs(data[i + 2]! - 0x5a) > 12) continue;
      const x = (i / 4) % copy.width;
      const y = Math.floor(i / 4 / copy.width);
      [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
    }
    return { w: (maxX - minX) / copy.width, h: (maxY - minY) / copy.height };
  });
  // Framed: the scenario fills the pane's height or its width (less the tools along the top).
  expect(Math.max(box.w, box.h)).toBeGreaterThan(0.75);

  // At 1366 px the attribution leaves the scale bar readable.
  const scale = (await page.locator('.maplibregl-ctrl-scale').boundingBox())!;
  const attribution = (await page.locator('.maplibregl-ctrl-attrib').boundingBox())!;
  const overlap = scale.x < attribution.x + attribution.width && attribution.x < scale.x + scale.width && scale.y < attribution.y + attribution.height && attribution.y < scale.y + scale.height;
  expect(overlap).toBe(false);

  await page.getByTestId('flood-panel-toggle').click();
  await expect(page.getByRole('button', { name: 'Run simulation' })).toHaveCount(0);
  await page.getByTestId('flood-panel-toggle').click();
  await expect(page.getByRole('button', { name: 'Run simulation' })).toBeVisible();
});

test('print media shows the board as a full-page table and the ICS 214 log, not the screen', async ({ page, served }) => {
  test.setTimeout(120_000);
  await page.addInitScript(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void (window as unknown as { printed: number }).printed++;
  });
  await page.goto(served.url);
  await signIn(page, 'works-lead');
  await page.getByTestId('new-task').click();
  const form = page.getByTestId('task-form');
  await form.getByLabel('Title').fill('Pump out the Glebe underpass');
  await form.getByTestId('task-form-submit').click();
  await expect(page.getByTestId('task-details')).toContainText('Pump out the Glebe underpass');

  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill('print board');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await expect(page.getByTestId('print-view')).toBeHidden();
  await page.emulateMedia({ media: 'print' });
  const table = page.getByTestId('print-board');
  await expect(table).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: 'Pump out the Glebe underpass' })).toContainText('New');
  await expect(page.locator('.workspace')).toBeHidden();
  const [tableBox, viewport] = [(await table.boundingBox())!, page.viewportSize()!];
  expect(tableBox.width).toBeGreaterThan(viewport.width * 0.9);

  await page.emulateMedia({ media: 'screen' });
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill('ICS 214');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(2);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('print-ics214')).toContainText('Task created: Pump out the Glebe underpass');
  await expect(page.getByTestId('print-view')).toContainText('ACTIVITY LOG (ICS 214)');

  // The same paper again prints again, read afresh; a browser is offered no "Save as PDF" command
  // (that is the desktop app's; here the browser's own Print saves PDFs).
  await page.emulateMedia({ media: 'screen' });
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill('ICS 214');
  await expect(page.locator('#palette-list')).toContainText('Print the activity log (ICS 214)');
  await expect(page.locator('#palette-list').getByText(/as PDF/)).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(3);

  // ICS 204: the board's department as a division, its supervisor and its open work.
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill('assignment list');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(4);
  await page.emulateMedia({ media: 'print' });
  const division = page.getByTestId('print-ics204');
  await expect(division).toHaveCount(1);
  await expect(division).toContainText('Public Works / Drainage');
  await expect(division).toContainText('Ruth Adeyemi');
  await expect(division.getByRole('row').filter({ hasText: 'Pump out the Glebe underpass' })).toContainText('New');
  await expect(page.getByTestId('print-view')).toContainText('ASSIGNMENT LIST (ICS 204)');

  // ICS 214 per person: the signed-in lead's own log, with her name and position.
  await page.emulateMedia({ media: 'screen' });
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill('my activity log');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(5);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('print-view')).toContainText('Ruth Adeyemi');
  await expect(page.getByTestId('print-view')).toContainText('Lead');
  await expect(page.getByTestId('print-ics214')).toContainText('Task created: Pump out the Glebe underpass — Ruth Adeyemi');
});
