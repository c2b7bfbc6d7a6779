// Alerts across browser windows: `node scripts/bench-ui-alerts.ts [--alerts N] [--batch N]`
// Needs the built renderer (`npm run build:renderer`) and Chromium (/usr/bin/chromium or POLDER_CHROMIUM).
// Against a real `polder serve`, a WebSocket client raises alerts while 0, 1 and 5 signed-in windows
// are open (each its own browser context): prints the time to raise them one after another, the
// time until every window's queue shows them all, and the CPU time the host used meanwhile. Then it
// raises a batch all at once with two windows open and prints what each window shows 3 s later and
// when it shows the whole batch. `--windows 1,5` picks the window counts, `--batch 0` skips the batch.
import { demoPin } from '../native/identity/demo-pin.ts';
import { chromium, type Browser, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { pageKeyParam, wirePath, type ServerFrame } from '../native/api/wire.ts';
import { credentialsFor, tokenCookieName } from '../native/serve/auth.ts';
import { chromiumArgs, chromiumPath, cpuMs, root, startServe, stop } from './serve-child.ts';

const { values } = parseArgs({
  options: { alerts: { type: 'string', default: '100' }, batch: { type: 'string', default: '600' }, windows: { type: 'string', default: '0,1,5' } },
});
const alertCount = Number(values.alerts);
const batchCount = Number(values.batch);
const windowCounts = values.windows.split(',').map(Number);
const s = (x: number) => `${(x / 1000).toFixed(2)} s`;

/** A contract client over serve mode's WebSocket, as a second program on the host would be. */
async function connect(url: string) {
  // As a page would: the cookie and page key the launch token is traded for, and its origin.
  const u = new URL(url);
  const { cookie, pageKey } = credentialsFor(u.searchParams.get('token') ?? '');
  const socket = new WebSocket(`ws://${u.host}${wirePath}?${pageKeyParam}=${pageKey}`, {
    headers: { cookie: `${tokenCookieName(Number(u.port))}=${cookie}`, origin: `http://${u.host}` },
  });
  await new Promise((done, fail) => socket.once('open', done).once('error', fail));
  const waiting = new Map<number, (frame: ServerFrame) => void>();
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as ServerFrame;
    if (frame.t === 'result') waiting.get(frame.id)?.(frame);
  });
  let nextId = 1;
  const call = (method: string, args: unknown) =>
    new Promise<unknown>((done, fail) => {
      const id = nextId++;
      waiting.set(id, (frame) => {
        waiting.delete(id);
        if (frame.t === 'result' && frame.ok) done(frame.value);
        else fail(new Error(frame.t === 'result' && !frame.ok ? frame.error.message : 'bad frame'));
      });
      socket.send(JSON.stringify({ t: 'call', id, method, args }));
    });
  await call('session.login', { actorId: 'works-1', secret: demoPin });
  return { call, close: () => socket.close() };
}

const raiseArgs = (i: number) => ({
  source: 'sensor',
  title: `Bench gauge ${i} above threshold`,
  severity: 'Moderate',
  urgency: 'Immediate',
  certainty: 'Observed',
  area: { type: 'Point', coordinates: [151.75 + (i % 50) * 1e-3, -32.93 - (i % 40) * 1e-3] },
});

/** A signed-in crisis-room window in its own browser context (so it signs in by itself). */
async function openWindow(browser: Browser, url: string): Promise<Page> {
  // The app's CSP forbids eval, which Playwright's string predicates need; the measured code is unchanged.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByTestId('sign-in-eoc-lead').click();
  await page.getByTestId('sign-in-secret').fill(demoPin);
  await page.getByTestId('sign-in-submit').click();
  await page.locator('#panel-alerts-title').waitFor();
  await page.getByTestId('connection').filter({ hasText: 'Connected' }).waitFor();
  return page;
}

/** Reads the CPU time a page's renderer process has used so far (Chromium's ProcessTime), in ms. */
async function busyMeter(page: Page): Promise<() => Promise<number>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((m) => m.name === 'ProcessTime')?.value ?? 0) * 1000;
  };
}
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

const shown = (page: Page) => page.evaluate(`Number(document.querySelector('#panel-alerts-title .count')?.textContent ?? -1)`) as Promise<number>;
const showsAll = (page: Page, n: number) => page.waitForFunction(`Number(document.querySelector('#panel-alerts-title .count')?.textContent) === ${n}`, undefined, { polling: 20, timeout: 300_000 });

async function withServe<T>(run: (url: string, pid: number) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'polder-bench-alerts-'));
  const { child, url } = await startServe(dataDir);
  try {
    return await run(url, child.pid!);
  } finally {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function raiseWith(browser: Browser, windows: number) {
  return withServe(async (url, pid) => {
    const pages = [];
    for (let i = 0; i < windows; i++) pages.push(await openWindow(browser, url));
    const client = await connect(url);
    await sleep(1000); // let the windows finish their first queries
    const meters = await Promise.all(pages.map(busyMeter));
    const busy0 = sum(await Promise.all(meters.map((m) => m())));
    const cpu0 = cpuMs(pid);
    const t0 = performance.now();
    for (let i = 0; i < alertCount; i++) await client.call('alerts.raise', raiseArgs(i));
    const raiseMs = performance.now() - t0;
    await Promise.all(pages.map((p) => showsAll(p, alertCount)));
    const shownMs = performance.now() - t0;
    const hostCpuMs = cpuMs(pid) - cpu0;
    const pagesBusyMs = sum(await Promise.all(meters.map((m) => m()))) - busy0;
    client.close();
    for (const p of pages) await p.context().close();
    return { raiseMs, shownMs, hostCpuMs, pagesBusyMs };
  });
}

async function batch(browser: Browser) {
  return withServe(async (url) => {
    const pages = [await openWindow(browser, url), await openWindow(browser, url)];
    const client = await connect(url);
    await sleep(1000);
    const t0 = performance.now();
    await Promise.all(Array.from({ length: batchCount }, (_, i) => client.call('alerts.raise', raiseArgs(i))));
    const raisedMs = performance.now() - t0;
    await sleep(Math.max(0, 3000 - (performance.now() - t0)));
    const after3s = await Promise.all(pages.map(shown));
    await Promise.all(pages.map((p) => showsAll(p, batchCount)));
    const allMs = performance.now() - t0;
    client.close();
    return { raisedMs, after3s, allMs };
  });
}

async function main() {
  if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
    console.error('bench-ui-alerts: the renderer is not built; run `npm run build:renderer` first');
    process.exit(1);
  }
  console.log(`bench-ui-alerts: ${alertCount} alerts, batch of ${batchCount}, Chromium ${chromiumPath}`);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    for (const windows of windowCounts) {
      const f = await raiseWith(browser, windows);
      console.log(
        `raise ${alertCount} alerts, ${windows} window${windows === 1 ? ' ' : 's'} open: raised in ${s(f.raiseMs)}, ` +
          `shown in every window after ${windows ? s(f.shownMs) : '—'}, host CPU ${s(f.hostCpuMs)}, windows' renderer CPU ${s(f.pagesBusyMs)} in all`,
      );
    }
    if (batchCount === 0) return;
    const b = await batch(browser);
    console.log(`batch of ${batchCount} raised at once, 2 windows: all answered in ${s(b.raisedMs)}; shown 3 s after sending: ${b.after3s.join(' and ')}; all shown after ${s(b.allMs)}`);
  } finally {
    await browser.close();
  }
}

await main();
