// End to end through a real mosquitto: a resident's report arrives on the organisation's reports
// topic, the served page shows it as an unconfirmed public report in the queue and on the map, and
// a crisis-room member confirms it from the alert's details.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectMqtt } from '../native/mqtt/connection.ts';
import { startMosquitto } from '../native/mqtt/test-broker.ts';
import { expect, startServe, test } from './serve-fixture.ts';
import { signIn } from './ui-helpers.ts';

test('a report arrives, shows as an unconfirmed public report, and a crisis-room member confirms it', async ({ page }) => {
  test.setTimeout(120_000);
  const broker = await startMosquitto();
  const dataDir = mkdtempSync(join(tmpdir(), 'polder-e2e-reports-'));
  const { child: serve, served } = await startServe(dataDir, ['--port', '0'], ['--broker', broker.url]);
  const gateway = connectMqtt({ brokers: [broker.url], clientId: 'e2e-report-gateway', sessionExpirySeconds: 0 });
  try {
    await page.goto(served.url);
    await signIn(page, 'eoc-1');
    await expect.poll(() => gateway.connected, { timeout: 10_000 }).toBe(true);
    const now = Date.now();
    const report = (i: number) => ({ id: `e2e-${i}`, location: { lon: 151.7415 + i * 0.00005, lat: -32.9418 }, observedAt: new Date(now).toISOString(), category: 'knee', text: 'Water over the footpath', reporter: { contact: `040000000${i}` } });
    // The node subscribes once its link is up: send until the first report is in.
    const row = page.locator('[data-testid=alert-row]', { hasText: 'Unconfirmed public report' });
    await expect
      .poll(
        async () => {
          await gateway.publish('polder/v1/polder/reports', JSON.stringify(report(0)));
          return row.count();
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    for (const i of [1, 2]) await gateway.publish('polder/v1/polder/reports', JSON.stringify(report(i)));
    await expect(row.getByTestId('report-trust')).toHaveText('unconfirmed public report');
    await expect(page.getByTestId('map')).toHaveAttribute('data-report-markers', '1');

    await row.click();
    const review = page.getByTestId('report-review');
    await expect(review).toContainText('3 public reports');
    await expect(review).toHaveAttribute('data-review', 'unconfirmed');
    await page.getByTestId('report-severity').selectOption('Severe');
    await page.getByTestId('report-confirm').click();
    await expect(review).toHaveAttribute('data-review', 'confirmed');
    await expect(page.getByTestId('alert-details')).toContainText('confirmed public report');
    await expect(page.getByTestId('alert-details')).toContainText('Observed');
    await expect(page.getByTestId('report-confirm')).toHaveCount(0);
  } finally {
    await gateway.close();
    serve.kill('SIGTERM');
    await new Promise((done) => serve.once('exit', done));
    await broker.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
