import { readFileSync } from 'node:fs';
import { expect, test } from './serve-fixture.ts';
import { signIn } from './ui-helpers.ts';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

test.describe('the integrated terminal (polder serve --terminal)', () => {
  // A plain shell: the machine's own shell start-up files are not what these tests are about (and
  // can take seconds). Which shell the terminal picks is covered by native/terminal's tests.
  test.use({ serveArgs: ['--terminal'], serveEnv: { SHELL: '/bin/sh', PS1: '$ ' } });

  test('Ctrl+` opens a shell where `polder` runs on the same data; exit marks the tab ended', async ({ page, served }, testInfo) => {
    await page.goto(served.url);
    await signIn(page, 'eoc-lead');

    await page.keyboard.press('Control+Backquote');
    const pane = page.getByTestId('terminal-pane');
    await expect(pane).toBeVisible();
    const screen = pane.locator('.xterm-rows');
    // The shell is ready once it has drawn its prompt; what it prints shows in xterm's rows.
    await expect(screen).toContainText('$', { timeout: 20_000 });
    // Text typed into xterm's input, as one input event (a keystroke at a time is slow on a loaded machine).
    await page.keyboard.insertText('polder --version; echo "data=$POLDER_DATA_DIR"');
    await page.keyboard.press('Enter');
    // The version alone on its own row (innerText keeps xterm's rows apart).
    await expect(screen).toContainText(new RegExp(`^${version.replaceAll('.', '\\.')}$`, 'm'), { timeout: 20_000, useInnerText: true });
    await expect(screen).toContainText(`data=${served.dataDir}`);
    await page.screenshot({ path: testInfo.outputPath('terminal.png') });

    // Hidden and shown again, the same shell is still there.
    await page.keyboard.press('Control+Backquote');
    await expect(pane).toBeHidden();
    await page.keyboard.press('Control+Backquote');
    await expect(screen).toContainText(`data=${served.dataDir}`);

    await page.keyboard.insertText('exit 3');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('terminal-tab')).toHaveText(/\(ended\)/);
    await expect(screen).toContainText('the shell exited with code 3');
  });

  test('the command palette opens a new terminal tab beside the first', async ({ page, served }) => {
    await page.goto(served.url);
    await signIn(page, 'eoc-lead');
    await page.keyboard.press('Control+k');
    await page.getByTestId('palette-input').fill('new terminal');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('terminal-tab')).toHaveCount(1);
    await page.getByTestId('terminal-new').click();
    await expect(page.getByTestId('terminal-tab')).toHaveCount(2);
    await expect(page.getByTestId('terminal-pane').locator('.terminal-panel:not([hidden]) .xterm-rows')).toContainText('$', { timeout: 20_000 });
    await page.keyboard.insertText('echo "second-$((1 + 1))"');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('terminal-pane').locator('.terminal-panel:not([hidden]) .xterm-rows')).toContainText('second-2');
  });
});

test('without --terminal the pane says why there is no shell', async ({ page, served }) => {
  await page.goto(served.url);
  await signIn(page, 'eoc-lead');
  await page.keyboard.press('Control+Backquote');
  await expect(page.getByTestId('terminal-pane').locator('.xterm-rows')).toContainText('The terminal is off in this host', { timeout: 20_000 });
});
