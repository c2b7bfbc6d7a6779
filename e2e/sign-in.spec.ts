import { demoPin } from '../native/identity/demo-pin.ts';
import { expect, test } from './serve-fixture.ts';
import { openAs, recordCalls, signIn } from './ui-helpers.ts';

test('a wrong PIN does not sign in and says so plainly; the right one does', async ({ page, served }) => {
  await page.goto(served.url);
  await page.getByTestId('sign-in-eoc-lead').click();
  await page.getByTestId('sign-in-secret').fill('0000');
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('sign-in-error')).toHaveText('Wrong PIN or password for Margaret Okafor');
  await expect(page.getByTestId('signed-in')).toHaveCount(0);
  await expect(page.getByTestId('sign-in-secret')).toHaveValue('');
  await expect(page.getByTestId('sign-in-secret')).toBeFocused();
  await page.keyboard.type(demoPin);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('signed-in')).toContainText('Margaret Okafor');
});

test('the screen locks after the idle time and on Lock; it asks the same person for their PIN, and anyone may switch user', async ({ page, served }) => {
  const calls = recordCalls(page);
  let connections = 0;
  page.on('websocket', () => (connections += 1));
  await page.clock.install();
  await page.goto(served.url);
  await signIn(page, 'fire-lead');

  // The demo roster locks after 15 minutes without input.
  await page.clock.fastForward('14:00');
  await expect(page.getByTestId('signed-in')).toBeVisible();
  await page.mouse.move(10, 10);
  await page.clock.fastForward('14:00');
  await expect(page.getByTestId('signed-in')).toBeVisible();
  const before = calls.length;
  const connectionsBefore = connections;
  await page.clock.fastForward('01:30');
  await expect(page.getByTestId('sign-in-form')).toContainText('Locked: Tom Brennan');
  await expect(page.getByTestId('signed-in')).toHaveCount(0);
  // Locked by the idle timer, and signed out at the host too: the page sends the sign-out, unless
  // the clock's jump dropped its link first (a heartbeat missed), and then the session ended with
  // that connection and the new one starts signed out.
  await expect.poll(() => calls.slice(before).some((c) => c.method === 'session.logout') || connections > connectionsBefore).toBe(true);
  await page.getByTestId('sign-in-secret').fill(demoPin);
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('signed-in')).toContainText('Tom Brennan');

  // Lock by hand, then another person takes the workstation.
  await page.getByTestId('lock').click();
  await expect(page.getByTestId('sign-in-form')).toContainText('Locked: Tom Brennan');
  await page.getByTestId('sign-in-back').click();
  await signIn(page, 'police-1');
  await expect(page.getByTestId('signed-in')).toContainText('Marcus Lindqvist');

  // Switch user forgets the person entirely; a reload remembers no one either.
  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('sign-in-police-1')).toBeVisible();
  await signIn(page, 'works-1');
  await page.reload();
  await expect(page.getByTestId('sign-in-works-1')).toBeVisible();
  await expect(page.getByTestId('signed-in')).toHaveCount(0);
});

test('an EOC lead opens the quarantine of refused events from the palette; others are not offered it', async ({ browser, served }) => {
  const lead = await openAs(browser, served.url, 'eoc-lead');
  await lead.page.keyboard.press('Control+k');
  await lead.page.getByTestId('palette-input').fill('quarantined');
  await lead.page.keyboard.press('Enter');
  await expect(lead.page.getByRole('dialog', { name: 'Quarantined events' })).toContainText('No event from another device has been refused.');
  expect(lead.calls.some((c) => c.method === 'quarantine.list')).toBe(true);

  const member = await openAs(browser, served.url, 'fire-1');
  await member.page.keyboard.press('Control+k');
  await member.page.getByTestId('palette-input').fill('quarantined');
  await expect(member.page.getByRole('option', { name: /Quarantined events/ })).toHaveCount(0);
  await lead.context.close();
  await member.context.close();
});
