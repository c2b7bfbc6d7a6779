import { demoPin } from '../native/identity/demo-pin.ts';
import { expect, test } from './serve-fixture.ts';
import { openAs } from './ui-helpers.ts';

const batch = 600;

test('a batch of alerts raised while two windows are open all shows in both, patched row by row', async ({ browser, served }) => {
  test.setTimeout(180_000);
  const eoc = await openAs(browser, served.url, 'eoc-lead');
  const fire = await openAs(browser, served.url, 'fire-lead');
  const count = (page: typeof eoc.page) => page.locator('#panel-alerts-title .count');
  await expect(count(eoc.page)).toHaveText('0');
  const callsBefore = eoc.calls.length;

  // A third connection (as a sensor gateway would be) raises the whole batch at once.
  const answered = await fire.page.evaluate(
    ({ wsUrl, n, pin }) =>
      new Promise<number>((resolve, reject) => {
        // The page's own key (serve mode hands it to the page once and keeps it in its storage).
        const socket = new WebSocket(`${wsUrl}?key=${encodeURIComponent(localStorage.getItem('polder.serve.pageKey') ?? '')}`);
        let ok = 0;
        socket.onerror = () => reject(new Error('socket refused'));
        socket.onmessage = (event) => {
          const frame = JSON.parse(String(event.data)) as { t: string; id: number; ok?: boolean };
          if (frame.t !== 'result') return;
          if (frame.ok) ok++;
          // The batch goes once the sign-in (a PIN checked by a memory-hard KDF) is answered.
          if (frame.id === 0) raiseAll();
          if (frame.id === n) {
            socket.close();
            resolve(ok);
          }
        };
        const raiseAll = () => {
          for (let i = 1; i <= n; i++) {
            const args = { source: 'sensor', title: `Gauge ${i} above threshold`, severity: 'Moderate', urgency: 'Immediate', certainty: 'Observed' };
            socket.send(JSON.stringify({ t: 'call', id: i, method: 'alerts.raise', args }));
          }
        };
        socket.onopen = () => socket.send(JSON.stringify({ t: 'call', id: 0, method: 'session.login', args: { actorId: 'works-1', secret: pin } }));
      }),
    { wsUrl: `${served.origin.replace('http', 'ws')}/api`, n: batch, pin: demoPin },
  );
  expect(answered).toBe(batch + 1);

  await expect(count(eoc.page)).toHaveText(String(batch), { timeout: 60_000 });
  await expect(count(fire.page)).toHaveText(String(batch), { timeout: 60_000 });
  await expect(eoc.page.locator('#alert-list [data-testid=alert-row]').first()).toContainText('Gauge');

  // The watching window never listed every alert again: it fetched just the changed rows, a burst per call.
  const since = eoc.calls.slice(callsBefore);
  expect(since.filter((c) => c.method === 'alerts.query' || c.method === 'alerts.list')).toEqual([]);
  const fetched = new Set(since.filter((c) => c.method === 'alerts.rows').flatMap((c) => c.args.ids as string[]));
  expect(fetched.size).toBe(batch);
  expect(since.filter((c) => c.method === 'alerts.rows').length).toBeLessThan(batch);
});
