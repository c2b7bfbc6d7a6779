import type { Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMosquitto } from '../native/mqtt/test-broker.ts';
import { expect, startServe, test } from './serve-fixture.ts';
import { enrolDevices } from './enrol-devices.ts';
import { cardIn, openAs } from './ui-helpers.ts';

// Two serve processes, one mosquitto, two browsers on a shared two-core machine.
test.describe.configure({ timeout: 180_000 });

async function newTask(page: Page, title: string) {
  await page.keyboard.press('n');
  const form = page.getByTestId('task-form');
  await form.getByLabel('Title').fill(title);
  await form.getByTestId('task-form-submit').click();
  await expect(page.getByTestId('task-details')).toContainText(title);
}

test('two nodes with their own data share one board through mosquitto, keep working while it is down, and converge when it returns', async ({ browser }, testInfo) => {
  const broker = await startMosquitto();
  const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'polder-e2e-sync-')));
  const children: ChildProcess[] = [];
  try {
    // The admin enrols both nodes in one roster (the demo people, their PINs): events of a node the
    // roster does not list are quarantined, never applied.
    enrolDevices(dirs);
    const nodes = await Promise.all(dirs.map((dir) => startServe(dir, ['--port', '0'], ['--broker', broker.url, '--org', 'e2e'])));
    children.push(...nodes.map((n) => n.child));
    const a = await openAs(browser, nodes[0]!.served.url, 'fire-lead');
    const b = await openAs(browser, nodes[1]!.served.url, 'fire-lead');
    for (const { page } of [a, b]) await expect(page.getByTestId('sync-broker')).toContainText(`Broker 127.0.0.1:${broker.port}`);

    // A task made and moved on one node shows on the other's board.
    const title = `Pump Hunter St ${Date.now() % 100000}`;
    await newTask(a.page, title);
    await expect(cardIn(b.page, 'new', title)).toBeVisible();
    await cardIn(a.page, 'new', title).dragTo(a.page.getByTestId('column-in_progress'), { steps: 8 });
    await expect(cardIn(a.page, 'in_progress', title)).toBeVisible();
    await expect(cardIn(b.page, 'in_progress', title)).toBeVisible();
    await expect(b.page.getByTestId('sync-peers')).toContainText('Peers 1/1');
    await b.page.screenshot({ path: testInfo.outputPath('1-moved-on-the-other-node.png') });

    // The broker dies: both keep working on their own stores and say plainly what is not sent.
    await broker.kill9();
    for (const { page } of [a, b]) await expect(page.getByTestId('sync-offline')).toContainText('Offline');
    const fromA = `Sandbag depot ${Date.now() % 100000}`;
    const fromB = `Close Railway St ${Date.now() % 100000}`;
    await newTask(a.page, fromA);
    await newTask(b.page, fromB);
    for (const { page } of [a, b]) await expect(page.getByTestId('sync-offline')).toContainText(/Offline — [1-9]\d* changes? not sent/);
    await a.page.screenshot({ path: testInfo.outputPath('2-offline-unsent.png') });
    await expect(cardIn(a.page, 'new', fromB)).toHaveCount(0);

    // The broker returns (without the state it lost): both converge.
    await broker.start();
    await expect(cardIn(a.page, 'new', fromB)).toBeVisible({ timeout: 30_000 });
    await expect(cardIn(b.page, 'new', fromA)).toBeVisible({ timeout: 30_000 });
    for (const { page } of [a, b]) await expect(page.getByTestId('sync-outbox')).toHaveText('Outbox 0');

    // The peers panel names the other node and its last contact.
    await a.page.getByTestId('sync-peers').getByRole('button').click();
    const panel = a.page.getByTestId('peers-panel');
    await expect(panel.getByTestId('peer-row')).toHaveCount(1);
    await expect(panel.getByTestId('peer-row')).toContainText('online');
    await expect(panel).toContainText(`${broker.url} (connected)`);
    await a.page.screenshot({ path: testInfo.outputPath('3-peers-panel.png') });
    await a.context.close();
    await b.context.close();
  } finally {
    for (const child of children) {
      child.kill('SIGTERM');
      await new Promise((done) => child.once('exit', done));
    }
    await broker.stop();
    dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  }
});
